package io.switchboard.lead.bulk;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.smallrye.mutiny.Uni;
import io.switchboard.lead.LeadException;
import io.switchboard.lead.QueryParams;

/** The bodies of an import's status and error pages, the same under the Platform API and the CSV import path. */
final class ImportViews {

    static final int DEFAULT_ERROR_PAGE = 100;
    static final int MAX_ERROR_PAGE = 1000;

    private ImportViews() {
    }

    record Accepted(String uuid, String status) {
    }

    /**
     * @param total
     *            rows read so far (all of them once completed)
     * @param rowsPerSecond
     *            rows read per second of import work
     */
    record Result(long total, long accepted, long rejected, long duplicates, double rowsPerSecond) {
    }

    /**
     * @param errorLink
     *            {@code {"href": ".../errors"}} once a row was rejected (or the upload broke off), else {@code {}}
     */
    record Status(String uuid, String status, @JsonProperty("error_link") Map<String, String> errorLink,
            Result result) {
    }

    record ErrorPage(int pageNo, int limit, List<ImportRepository.ImportError> errorList, long totalPages,
            String nextPageLink) {
    }

    /** {@code queued}, {@code running}, {@code completed} or {@code failed} (an upload in progress is queued). */
    static String status(ImportJob job) {
        return "uploading".equals(job.status()) ? "queued" : job.status();
    }

    static Status status(ImportJob job, String base) {
        Map<String, String> link = job.errors() > 0 ? Map.of("href", base + "/errors") : Map.of();
        return new Status(job.id().toString(), status(job), link,
                new Result(job.rowsRead(), job.accepted(), job.rejected(), job.duplicates(), job.rowsPerSecond()));
    }

    static Uni<ErrorPage> errors(ImportRepository imports, ImportJob job, String base, String pageNo, String limit) {
        Integer page = QueryParams.integer("pageNo", pageNo);
        Integer size = QueryParams.integer("limit", limit);
        int p = page == null ? 1 : page;
        int l = size == null ? DEFAULT_ERROR_PAGE : size;
        if (p < 1) {
            throw QueryParams.invalid("pageNo", "pageNo starts at 1.");
        }
        if (l < 1 || l > MAX_ERROR_PAGE) {
            throw QueryParams.invalid("limit", "limit must be between 1 and " + MAX_ERROR_PAGE + ".");
        }
        long totalPages = (job.errors() + l - 1) / l;
        String next = p < totalPages ? base + "/errors?pageNo=" + (p + 1) + "&limit=" + l : null;
        return imports.errors(job.id(), (long) (p - 1) * l, l).map(list -> new ErrorPage(p, l, list, totalPages, next));
    }

    static UUID uuid(String raw) {
        try {
            return UUID.fromString(raw);
        } catch (IllegalArgumentException e) {
            throw notFound(raw);
        }
    }

    static LeadException notFound(String uuid) {
        return LeadException.notFound("No import with uuid " + uuid + ".");
    }
}
