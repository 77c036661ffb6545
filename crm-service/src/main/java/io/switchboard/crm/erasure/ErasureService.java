package io.switchboard.crm.erasure;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.switchboard.common.erasure.OutboxErasure;
import io.switchboard.common.events.CloudEvent;
import io.switchboard.common.events.erasure.ErasureEvents;
import io.switchboard.common.outbox.Outbox;
import io.switchboard.common.phone.PhoneNumbers;
import io.switchboard.crm.CrmConfig;
import io.switchboard.crm.InvalidInputException;
import io.switchboard.crm.activity.ActivityRepository;
import io.switchboard.crm.callback.CallbackCallRepository;
import io.switchboard.crm.calllog.CallLogRepository;
import io.switchboard.crm.contact.ContactRepository;
import io.switchboard.crm.media.Media;
import io.switchboard.crm.media.MediaRepository;
import io.switchboard.crm.media.MediaService;
import io.switchboard.crm.tenant.TenantSettingsRepository;

/**
 * The customer-erasure saga. In one transaction crm-service erases its own data about the person (CRM records, call
 * logs, the personal fields of activities and its copies of callbacks, the media of those calls), redacts its outbox,
 * writes the audit record and asks every other service on {@code switchboard.erasure-requests}; the answers on
 * {@code switchboard.erasure-results} ({@link ErasureResultsConsumer}) complete it. A number or address found on an
 * erased CRM record widens the request: the person's other numbers are erased too.
 */
@ApplicationScoped
public class ErasureService {

    static final String SERVICE = "crm-service";
    static final String DELETED_BY = "erasure";
    static final String REASON = "Customer data erasure";

    private final ContactRepository contacts;
    private final CallLogRepository callLogs;
    private final ActivityRepository activities;
    private final CallbackCallRepository callbacks;
    private final MediaRepository media;
    private final MediaService mediaService;
    private final ErasureRepository erasures;
    private final TenantSettingsRepository settings;
    private final Outbox outbox;
    private final CrmConfig config;

    public ErasureService(ContactRepository contacts, CallLogRepository callLogs, ActivityRepository activities,
            CallbackCallRepository callbacks, MediaRepository media, MediaService mediaService,
            ErasureRepository erasures, TenantSettingsRepository settings, Outbox outbox, CrmConfig config) {
        this.contacts = contacts;
        this.callLogs = callLogs;
        this.activities = activities;
        this.callbacks = callbacks;
        this.media = media;
        this.mediaService = mediaService;
        this.erasures = erasures;
        this.settings = settings;
        this.outbox = outbox;
        this.config = config;
    }

    /**
     * Starts an erasure and waits up to {@code switchboard.crm.erasure.answer-within} for every participant.
     *
     * @throws InvalidInputException
     *             when neither identifier is given, or the number cannot be read
     */
    public Uni<Erasure> erase(String tenantId, String requestedBy, String phoneNumber, String emailAddress) {
        boolean byPhone = phoneNumber != null && !phoneNumber.isBlank();
        boolean byEmail = emailAddress != null && !emailAddress.isBlank();
        if (!byPhone && !byEmail) {
            throw new InvalidInputException("phoneNumber", "Give phoneNumber, emailAddress or both.");
        }
        String email = byEmail ? emailAddress.trim().toLowerCase(Locale.ROOT) : null;
        if (email != null && (!email.contains("@") || email.length() > 255)) {
            throw new InvalidInputException("emailAddress", "emailAddress is not an e-mail address.");
        }
        return settings.find(tenantId).flatMap(s -> {
            String phone = null;
            if (byPhone) {
                phone = PhoneNumbers.toE164(phoneNumber, s.defaultRegion())
                        .orElseThrow(() -> new InvalidInputException("phoneNumber",
                                "phoneNumber is not a phone number that can be read (national numbers are read as "
                                        + s.defaultRegion() + " numbers)."));
            }
            List<String> phones = phone == null ? List.of() : List.of(phone);
            List<String> emails = email == null ? List.of() : List.of(email);
            return start(tenantId, requestedBy, byPhone, byEmail, phones, emails);
        }).flatMap(started -> awaitAnswers(tenantId, started.id(),
                System.currentTimeMillis() + config.erasure().answerWithin().toMillis()));
    }

    public Uni<Erasure> find(String tenantId, UUID id) {
        return erasures.find(tenantId, id);
    }

    private Uni<Erasure> start(String tenantId, String requestedBy, boolean byPhone, boolean byEmail,
            List<String> phones, List<String> emails) {
        UUID id = UUID.randomUUID();
        List<Media> erasedMedia = new ArrayList<>();
        return outbox.inTransaction(tx -> contacts.erase(tx, tenantId, phones, emails).flatMap(records -> {
            LinkedHashSet<String> allPhones = new LinkedHashSet<>(phones);
            allPhones.addAll(records.phones());
            List<String> numbers = List.copyOf(allPhones);
            Map<String, Long> counts = new LinkedHashMap<>();
            counts.put("records", (long) records.ids().size());
            return callLogs.erase(tx, tenantId, numbers, records.ids()).flatMap(logActivities -> {
                counts.put("callLogs", (long) logActivities.size());
                return activities.erase(tx, tenantId, numbers, logActivities);
            }).flatMap(erasedActivities -> {
                counts.put("activities", (long) erasedActivities.size());
                return media.eraseForActivities(tx, tenantId, erasedActivities, DELETED_BY, REASON);
            }).flatMap(mediaRows -> {
                erasedMedia.addAll(mediaRows);
                counts.put("media", (long) mediaRows.size());
                return callbacks.erase(tx, tenantId, numbers);
            }).flatMap(ignored -> OutboxErasure.redact(tx, numbers, emails)).flatMap(ignored -> {
                OffsetDateTime now = OffsetDateTime.now();
                return outbox
                        .append(tx, ErasureEvents.REQUESTED, id.toString(), id.toString(), tenantId,
                                new ErasureEvents.ErasureRequested(id.toString(), numbers, emails, now))
                        .flatMap((CloudEvent event) -> {
                            Erasure erasure = new Erasure(id, tenantId, requestedBy, now, byPhone, byEmail,
                                    List.copyOf(config.erasure().participants()), counts, Map.of(), null);
                            return erasures.insert(tx, erasure, UUID.fromString(event.id()))
                                    .flatMap(x -> erasures.completeIfAnswered(tx, id)).replaceWith(erasure);
                        });
            });
        })).call(erasure -> {
            Log.infof("Erasure %s started: crm-service erased %s", erasure.id(), erasure.crmErased());
            return mediaService.removeBytes(erasedMedia);
        });
    }

    private Uni<Erasure> awaitAnswers(String tenantId, UUID id, long deadline) {
        return erasures.find(tenantId, id).flatMap(e -> {
            if (e.completed() || System.currentTimeMillis() >= deadline) {
                return Uni.createFrom().item(e);
            }
            return Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(100))
                    .flatMap(ignored -> awaitAnswers(tenantId, id, deadline));
        });
    }

    /** Records one service's answer; completes the erasure when it was the last one awaited. */
    public Uni<Void> answered(String tenantId, ErasureEvents.ErasureCompleted answer) {
        UUID id;
        try {
            id = UUID.fromString(answer.erasureId());
        } catch (IllegalArgumentException | NullPointerException e) {
            Log.warnf("Ignoring an erasure answer with erasure id %s", answer.erasureId());
            return Uni.createFrom().voidItem();
        }
        return outbox.inTransaction(tx -> erasures.find(tx, tenantId, id).flatMap(erasure -> {
            if (erasure == null) {
                Log.warnf("Ignoring %s's answer to erasure %s: no such erasure of tenant %s", answer.service(), id,
                        tenantId);
                return Uni.createFrom().voidItem();
            }
            Map<String, Long> erased = answer.erased() == null ? Map.of() : answer.erased();
            return erasures.answer(tx, id, answer.service(), erased)
                    .flatMap(isNew -> isNew ? erasures.completeIfAnswered(tx, id) : Uni.createFrom().item(false))
                    .invoke(completed -> {
                        if (completed) {
                            Log.infof("Erasure %s completed with %s's answer", id, answer.service());
                        }
                    }).replaceWithVoid();
        }));
    }
}
