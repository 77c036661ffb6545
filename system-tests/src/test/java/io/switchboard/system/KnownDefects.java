package io.switchboard.system;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import io.switchboard.system.HostileRequestsIT.Finding;
import io.switchboard.system.HostileRequestsIT.InputClass;

/**
 * Defects the fuzzer ({@link HostileRequestsIT}) finds that are being fixed elsewhere (issue 12): reported on every
 * run, but not failed on. Each entry names the operation ({@code METHOD /path/template}, a regular expression), the
 * input classes and the kind of finding it covers, and the issue item that removes it. Empty this list as the fixes
 * merge: an entry that no longer matches anything is reported as stale.
 */
final class KnownDefects {

    /**
     * @param evidence
     *            a regular expression found in the finding's detail (the answer, then the request), or null for any
     */
    record KnownDefect(String item, Pattern operation, Set<InputClass> inputs, Finding finding, Pattern evidence) {

        boolean covers(String operation, InputClass input, Finding finding, String detail) {
            return this.operation.matcher(operation).matches() && (inputs.isEmpty() || inputs.contains(input))
                    && this.finding == finding && (evidence == null || evidence.matcher(detail).find());
        }
    }

    private static KnownDefect defect(String item, String operation, Set<InputClass> inputs, Finding finding,
            String evidence) {
        return new KnownDefect(item, Pattern.compile(operation), inputs, finding,
                evidence == null ? null : Pattern.compile(evidence));
    }

    // Emptied once issue 12's fixes merged: every finding of the fuzzer now fails the build. A new entry needs the
    // issue item that removes it, e.g. defect("issue N, ...", "POST /api/v1/x", Set.of(InputClass.NUL),
    // Finding.SERVER_ERROR, null).

    /**
     * FaultToleranceIT: while Postgres cuts the service's connections (pg_terminate_backend), a request must answer 503
     * with Retry-After, never 500. Null since DependencyFailures classifies by exception type and SQLSTATE: the test
     * fails on any such 500. Set it to the issue item's text to report such answers instead of failing.
     */
    static final String DATABASE_CUT_ANSWERS_500 = null;

    static final List<KnownDefect> ALL = List.of();

    private KnownDefects() {
    }
}
