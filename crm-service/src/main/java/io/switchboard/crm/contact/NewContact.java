package io.switchboard.crm.contact;

/**
 * A record as a caller sent it (SwitchTransact's field names; {@code phone} is the mobile phone), before validation.
 */
public record NewContact(String firstname, String lastname, String customerNumber, String company, String businessphone,
        String businessphone2, String mobilephone, String email, String entityType) {
}
