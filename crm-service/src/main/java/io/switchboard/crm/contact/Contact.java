package io.switchboard.crm.contact;

import java.util.UUID;

import io.vertx.mutiny.sqlclient.Row;

/** A CRM record; phones in E.164. */
public record Contact(UUID id, String tenantId, String firstname, String lastname, String customerNumber,
        String company, String businessphone, String businessphone2, String mobilephone, String email,
        EntityType entityType) {

    static final String COLUMNS = "id, tenant_id, firstname, lastname, customer_number, company, businessphone,"
            + " businessphone2, mobilephone, email, entity_type";

    static Contact of(Row row) {
        return new Contact(row.getUUID("id"), row.getString("tenant_id"), row.getString("firstname"),
                row.getString("lastname"), row.getString("customer_number"), row.getString("company"),
                row.getString("businessphone"), row.getString("businessphone2"), row.getString("mobilephone"),
                row.getString("email"), EntityType.valueOf(row.getString("entity_type")));
    }
}
