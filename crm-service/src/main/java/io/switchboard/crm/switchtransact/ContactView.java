package io.switchboard.crm.switchtransact;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.switchboard.crm.contact.Contact;

/** A record as the SwitchTransact Calls API shows it: every field, absent ones as null. */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({ "id", "firstname", "lastname", "customer_number", "company", "businessphone", "businessphone2",
        "mobilephone", "email", "entity_type" })
public record ContactView(String id, String firstname, String lastname,
        @JsonProperty("customer_number") String customerNumber, String company, String businessphone,
        String businessphone2, String mobilephone, String email, @JsonProperty("entity_type") String entityType) {

    static ContactView of(Contact c) {
        return new ContactView(c.id().toString(), c.firstname(), c.lastname(), c.customerNumber(), c.company(),
                c.businessphone(), c.businessphone2(), c.mobilephone(), c.email(), c.entityType().name());
    }
}
