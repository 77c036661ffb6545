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

    private static final String TYPED_PROBLEMS = "issue 12, Error shapes at the edges: framework 401/403/404/405/415 "
            + "problem documents carry no type (common ProblemExceptionMappers)";
    private static final String STRICT_JSON = "issue 12, JSON edge cases / Strict JSON everywhere: duplicate keys and "
            + "trailing tokens refused with 400";
    private static final String NUL = "issue 12, Text Postgres cannot store: a NUL character answers 500 (legacy: "
            + "ResultCode 2) or is accepted";
    private static final String RANGES = "issue 12, Numbers out of range / times within a sane window / enums by name: "
            + "validated before they touch state";
    private static final String IDEMPOTENT_EMPTY = "issue 12, JSON edge cases: an empty or null body with an "
            + "Idempotency-Key answers 500";
    private static final String LEGACY_EWT = "issue 12, Error shapes at the edges: UpdateEWTRecord and GetEWTByServiceID "
            + "answer problem JSON / 415 instead of reading any content type as JSON like their siblings";
    private static final String LENIENT_TYPES = "issue 12, What to build: every input is validated (a value of the "
            + "wrong type is accepted)";

    private static final String DATABASE_503 = "issue 12, Losing the database is a 503 with Retry-After decided by "
            + "exception type (pool exhausted, connection refused), never a 500 (common DependencyFailures)";

    /**
     * FaultToleranceIT: while Postgres cuts the service's connections (pg_terminate_backend), requests are answered 500
     * (57P01 "terminating connection due to administrator command", "Connection reset" are classified by message text)
     * instead of 503 with Retry-After. Set to null once that is fixed: the test then fails on any such 500.
     */
    static final String DATABASE_CUT_ANSWERS_500 = null;

    static final List<KnownDefect> ALL = List.of();

    private KnownDefects() {
    }
}
