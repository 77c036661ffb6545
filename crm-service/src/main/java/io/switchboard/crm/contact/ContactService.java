package io.switchboard.crm.contact;

import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.switchboard.common.phone.PhoneNumbers;
import io.switchboard.crm.InvalidInputException;
import io.switchboard.crm.tenant.TenantSettings;
import io.vertx.mutiny.sqlclient.Pool;

/** Creates and finds CRM records; numbers are compared in E.164, national ones read in the tenant's region. */
@ApplicationScoped
public class ContactService {

    /** Something@something.something, no spaces: enough to refuse what cannot be an address. */
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final int MAX_TEXT = 255;

    private final ContactRepository contacts;
    private final Pool pool;

    public ContactService(ContactRepository contacts, Pool pool) {
        this.contacts = contacts;
        this.pool = pool;
    }

    /**
     * @throws InvalidInputException
     *             naming the first field that cannot be used
     */
    public Uni<Contact> create(TenantSettings settings, NewContact in) {
        String firstname = text("firstname", in.firstname());
        String lastname = text("lastname", in.lastname());
        String company = text("company", in.company());
        if (firstname == null && lastname == null && company == null) {
            throw new InvalidInputException("firstname", "A record needs a firstname, lastname or company.");
        }
        String email = text("email", in.email());
        if (email != null && !EMAIL.matcher(email).matches()) {
            throw new InvalidInputException("email", "email is not an e-mail address.");
        }
        EntityType type = EntityType.Contact;
        if (in.entityType() != null && !in.entityType().isBlank()) {
            type = EntityType.parse(in.entityType());
            if (type == null) {
                throw new InvalidInputException("entity_type", "entity_type must be Account, Contact or Lead.");
            }
        }
        Contact contact = new Contact(UUID.randomUUID(), settings.tenantId(), firstname, lastname,
                text("customer_number", in.customerNumber()), company,
                phone("businessphone", in.businessphone(), settings),
                phone("businessphone2", in.businessphone2(), settings), phone("phone", in.mobilephone(), settings),
                email, type);
        return contacts.insert(pool, contact);
    }

    /**
     * @throws InvalidInputException
     *             when the number cannot be read in the tenant's region
     */
    public Uni<Contact> findByPhone(TenantSettings settings, String phone) {
        String e164 = phone("phone", phone, settings);
        if (e164 == null) {
            throw new InvalidInputException("phone", "phone is required.");
        }
        return contacts.findByPhone(settings.tenantId(), e164);
    }

    public Uni<Contact> findByEmail(TenantSettings settings, String email) {
        if (email == null || email.isBlank()) {
            throw new InvalidInputException("email", "email is required.");
        }
        return contacts.findByEmail(settings.tenantId(), email.trim());
    }

    public Uni<Contact> autocomplete(TenantSettings settings, String term) {
        if (term == null || term.isBlank()) {
            throw new InvalidInputException("term", "term is required.");
        }
        String trimmed = term.trim();
        if (trimmed.length() > MAX_TEXT) {
            throw new InvalidInputException("term", "term is at most " + MAX_TEXT + " characters.");
        }
        return contacts.autocomplete(settings.tenantId(), trimmed.toLowerCase(Locale.ROOT),
                SearchTerms.phonePrefixes(trimmed, settings.defaultRegion()));
    }

    private static String text(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String trimmed = value.trim();
        if (trimmed.length() > MAX_TEXT) {
            throw new InvalidInputException(field, field + " is at most " + MAX_TEXT + " characters.");
        }
        return trimmed;
    }

    /** The number in E.164, null when none was given. */
    static String phone(String field, String value, TenantSettings settings) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return PhoneNumbers.toE164(value, settings.defaultRegion())
                .orElseThrow(() -> new InvalidInputException(field,
                        field + " is not a phone number that can be read (national numbers are read as "
                                + settings.defaultRegion() + " numbers)."));
    }
}
