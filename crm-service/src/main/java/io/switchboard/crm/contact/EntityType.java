package io.switchboard.crm.contact;

import java.util.Arrays;

/** What a CRM record is, in SwitchTransact's words. */
public enum EntityType {
    Account, Contact, Lead;

    /** Reads a name ignoring case; null when it is none of the three. */
    public static EntityType parse(String text) {
        if (text == null) {
            return null;
        }
        return Arrays.stream(values()).filter(t -> t.name().equalsIgnoreCase(text.trim())).findFirst().orElse(null);
    }
}
