package io.switchboard.lead.lead;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Uni;
import io.switchboard.common.outbox.Outbox;
import io.switchboard.common.problem.Problem.FieldError;
import io.switchboard.lead.LeadException;
import io.switchboard.lead.campaign.CampaignRefRepository;
import io.switchboard.lead.list.LeadList;
import io.switchboard.lead.list.ListRepository;
import io.switchboard.lead.list.ListService;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * Creates, changes and deletes single leads (the Platform API and the Buzzeasy Campaign API). Every lead passes
 * {@link LeadRules}; duplicates (the list has the customerKey, the campaign has one of the phones) are refused under a
 * per-campaign lock that bulk imports take too.
 */
@ApplicationScoped
public class LeadService {

    private final LeadRules rules;
    private final LeadRepository leads;
    private final ListRepository lists;
    private final ListService listChanges;
    private final CampaignRefRepository campaigns;
    private final Outbox outbox;
    private final ObjectMapper mapper;

    public LeadService(LeadRules rules, LeadRepository leads, ListRepository lists, ListService listChanges,
            CampaignRefRepository campaigns, Outbox outbox, ObjectMapper mapper) {
        this.rules = rules;
        this.leads = leads;
        this.lists = lists;
        this.listChanges = listChanges;
        this.campaigns = campaigns;
        this.outbox = outbox;
        this.mapper = mapper;
    }

    /**
     * @param created
     *            false when an existing lead was found instead (a repeated contact)
     * @param inDialler
     *            whether diallers will call it: it has a phone, is not complete, and its list is in the dialler
     */
    public record Created(long leadId, boolean inDialler, boolean created) {
    }

    public Uni<Created> create(String tenantId, LeadFields fields) {
        List<FieldError> errors = new ArrayList<>();
        Long listId = rules.listId(fields.listId(), errors);
        if (listId == null) {
            throw LeadException.invalid(errors);
        }
        return outbox.inTransaction(tx -> lists.find(tx, tenantId, listId).onItem().ifNull()
                .failWith(() -> unknownList(listId)).flatMap(list -> {
                    NewLead lead = normalise(fields, list, null);
                    return leads.lockCampaign(tx, tenantId, list.campaignId())
                            .flatMap(locked -> leads.duplicateOf(tx, tenantId, lead, 0)).flatMap(duplicate -> {
                                if (duplicate != null) {
                                    throw duplicate(duplicate);
                                }
                                return leads.insert(tx, tenantId, lead);
                            }).map(id -> new Created(id, inDialler(lead, list, false), true));
                }));
    }

    /**
     * A contact of the Buzzeasy Campaign API: a lead in the campaign's default list (created on first use) with the
     * contact's names and fields as its data. A contact whose number the campaign already has is not added twice: the
     * existing lead is answered.
     */
    public Uni<Created> contact(String tenantId, long campaignId, String region, LeadFields fields) {
        return outbox.inTransaction(tx -> campaigns.find(tx, tenantId, campaignId).onItem().ifNull()
                .failWith(() -> ListService.unknownCampaign(campaignId))
                .flatMap(campaign -> listChanges.defaultList(tx, tenantId, campaignId)).flatMap(list -> {
                    NewLead lead = normalise(fields, list, region);
                    return leads.lockCampaign(tx, tenantId, campaignId)
                            .flatMap(locked -> leads.duplicateOf(tx, tenantId, lead, 0))
                            .flatMap(duplicate -> duplicate != null
                                    ? Uni.createFrom().item(new Created(duplicate.leadId(), list.inDialler(), false))
                                    : leads.insert(tx, tenantId, lead)
                                            .map(id -> new Created(id, inDialler(lead, list, false), true)));
                }));
    }

    public Uni<Lead> update(String tenantId, long id, LeadPatch patch) {
        return outbox.inTransaction(tx -> leads.findForUpdate(tx, tenantId, id).onItem().ifNull()
                .failWith(() -> notFound(id)).flatMap(current -> {
                    if (Boolean.FALSE.equals(patch.isCompleted()) && current.completed()) {
                        throw LeadException.invalid("isCompleted",
                                "A completed lead cannot be reopened: isCompleted only goes to true.");
                    }
                    boolean completed = current.completed() || Boolean.TRUE.equals(patch.isCompleted());
                    LeadFields merged = merge(current, patch);
                    List<FieldError> errors = new ArrayList<>();
                    Long listId = rules.listId(merged.listId(), errors);
                    if (listId == null) {
                        throw LeadException.invalid(errors);
                    }
                    Uni<LeadList> list = lists.find(tx, tenantId, listId).onItem().ifNull()
                            .failWith(() -> unknownList(listId));
                    return list.flatMap(target -> {
                        NewLead lead = normalise(merged, target, null);
                        return lockAll(tx, tenantId, current.campaignId(), target.campaignId())
                                .flatMap(locked -> leads.duplicateOf(tx, tenantId, lead, id)).flatMap(duplicate -> {
                                    if (duplicate != null) {
                                        throw duplicate(duplicate);
                                    }
                                    return leads.update(tx, tenantId, id, current, lead, completed);
                                }).flatMap(updated -> leads.find(tx, tenantId, id));
                    });
                }));
    }

    public Uni<Boolean> delete(String tenantId, long id) {
        return outbox.inTransaction(tx -> leads.delete(tx, tenantId, id));
    }

    private Uni<Void> lockAll(SqlClient tx, String tenantId, long from, long to) {
        // always in campaign order, so two moves between the same campaigns cannot deadlock
        long first = Math.min(from, to);
        long second = Math.max(from, to);
        Uni<Void> lock = leads.lockCampaign(tx, tenantId, first);
        return first == second ? lock : lock.flatMap(ignored -> leads.lockCampaign(tx, tenantId, second));
    }

    private NewLead normalise(LeadFields fields, LeadList list, String region) {
        List<FieldError> errors = new ArrayList<>();
        NewLead lead = rules.normalise(fields,
                new LeadRules.Target(list.id(), list.campaignId(), list.campaignTimeZone()), region, errors);
        if (lead == null) {
            throw LeadException.invalid(errors);
        }
        return lead;
    }

    private LeadFields merge(Lead current, LeadPatch p) {
        return new LeadFields(p.listId() != null ? p.listId() : Long.toString(current.listId()),
                pick(p.customerKey(), current.customerKey()), pick(p.timezone(), current.timeZone()),
                p.phone1() != null ? p.phone1() : current.phone1(), pick(p.phone2(), current.phone2()),
                pick(p.phone3(), current.phone3()),
                pick(p.nextAttemptTimestamp(),
                        current.nextAttemptAt() == null ? null : current.nextAttemptAt().toString()),
                mergeData(current.leadData(), p.leadData()),
                pick(p.statusCode(), current.statusCode() == null ? null : current.statusCode().toString()),
                pick(p.agentId(), current.agentId() == null ? null : current.agentId().toString()));
    }

    private static String pick(String patched, String current) {
        if (patched == null) {
            return current;
        }
        return patched.isEmpty() ? null : patched;
    }

    private JsonNode mergeData(String currentJson, JsonNode patch) {
        try {
            ObjectNode data = currentJson == null ? mapper.createObjectNode()
                    : (ObjectNode) mapper.readTree(currentJson);
            if (patch == null || patch.isNull()) {
                return data;
            }
            if (!patch.isObject()) {
                return patch; // LeadRules refuses it, naming leadData
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> entry = it.next();
                if (entry.getValue().isNull()) {
                    data.remove(entry.getKey());
                } else {
                    data.set(entry.getKey(), entry.getValue());
                }
            }
            return data;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("A stored lead's data is not JSON", e);
        }
    }

    private static boolean inDialler(NewLead lead, LeadList list, boolean completed) {
        return list.inDialler() && lead.hasPhone() && !completed;
    }

    static LeadException duplicate(LeadRepository.Duplicate d) {
        String message = d.field().equals("customerKey")
                ? "The list already has a lead with this customerKey (lead " + d.leadId() + ")."
                : "The campaign already has a lead with the number in " + d.field() + " (lead " + d.leadId() + ").";
        return LeadException.conflict(d.field(), message);
    }

    public static LeadException notFound(long id) {
        return LeadException.notFound("No lead with id " + id + ".");
    }

    static LeadException unknownList(long listId) {
        return LeadException.invalid("listId", "No list with id " + listId + ".");
    }
}
