package io.switchboard.common.logging;

import org.jboss.logging.MDC;

/**
 * What every log line written while serving a request carries, so that an operator can follow one tenant or one
 * callback through the logs: the MDC fields {@value #TENANT} and {@value #CONFIRMATION_CODE}, printed by the JSON log
 * format ({@code SWITCHBOARD_LOG_JSON=true}) under {@code mdc}. On a request's Vert.x context Quarkus keeps the MDC in
 * that context, so the fields follow the request across its asynchronous steps and do not leak into other requests.
 * Never put personal data (names, phone numbers) here.
 */
public final class LogContext {

    public static final String TENANT = "tenantId";
    public static final String CONFIRMATION_CODE = "confirmationCode";

    private LogContext() {
    }

    public static void tenant(String tenantId) {
        if (tenantId != null) {
            MDC.put(TENANT, tenantId);
        }
    }

    public static void confirmationCode(String code) {
        if (code != null) {
            MDC.put(CONFIRMATION_CODE, code);
        }
    }
}
