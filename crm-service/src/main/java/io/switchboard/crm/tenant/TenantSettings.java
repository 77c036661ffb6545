package io.switchboard.crm.tenant;

import java.time.ZoneId;

/**
 * How a tenant's SwitchTransact input is read: national phone numbers in {@code defaultRegion}, call-log dates and
 * times in {@code timeZone}.
 */
public record TenantSettings(String tenantId, String defaultRegion, String timeZone) {

    public ZoneId zone() {
        return ZoneId.of(timeZone);
    }
}
