package io.switchboard.lead.bulk;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.switchboard.lead.LeadConfig;
import io.switchboard.lead.LeadException;

/**
 * Takes an upload off the wire into Postgres ({@code lead_import_chunk}), a piece at a time, and queues its import. The
 * bytes live in the database until the import is done, so an import whose replica dies is resumed by any other replica
 * from its last committed batch. Runs on a worker thread (the request body is a blocking stream); memory is one piece
 * whatever the upload's size.
 */
@ApplicationScoped
public class ImportStaging {

    private static final Duration AWAIT = Duration.ofSeconds(60);
    /** How long an upload may take to deliver its next piece before it counts as broken off. */
    private static final Duration UPLOAD_HOLD = Duration.ofMinutes(5);

    private final ImportRepository imports;
    private final ImportRunner runner;
    private final LeadConfig.Imports config;
    private final ImportMetrics metrics;
    private final String holder = "upload-" + UUID.randomUUID();

    public ImportStaging(ImportRepository imports, ImportRunner runner, LeadConfig config, ImportMetrics metrics) {
        this.imports = imports;
        this.metrics = metrics;
        this.runner = runner;
        this.config = config.imports();
    }

    /** The upload is larger than {@code switchboard.lead.imports.max-upload-bytes}. */
    public static final class UploadTooLargeException extends RuntimeException {
        UploadTooLargeException(long limit) {
            super("The upload is larger than " + limit + " bytes.", null, false, false);
        }
    }

    /**
     * Stages the body and queues the import.
     *
     * @return the queued import
     *
     * @throws LeadException
     *             (invalid) for an empty body
     * @throws UploadTooLargeException
     *             past the size limit (nothing is kept)
     */
    public ImportJob stage(String tenantId, String format, Long listId, InputStream body) throws IOException {
        byte[] buffer = new byte[config.chunkBytes()];
        int filled = readFully(body, buffer);
        if (filled == 0) {
            throw LeadException.invalid(ImportJob.CSV.equals(format) ? "body" : "leads", "The request body is empty.");
        }
        UUID id = UUID.randomUUID();
        imports.create(id, tenantId, format, listId, holder, UPLOAD_HOLD).await().atMost(AWAIT);
        long total = 0;
        int seq = 0;
        try {
            while (filled > 0) {
                total += filled;
                if (total > config.maxUploadBytes()) {
                    throw new UploadTooLargeException(config.maxUploadBytes());
                }
                byte[] piece = filled == buffer.length ? buffer : java.util.Arrays.copyOf(buffer, filled);
                imports.appendChunk(id, seq++, piece, UPLOAD_HOLD).await().atMost(AWAIT);
                filled = readFully(body, buffer);
            }
        } catch (IOException | RuntimeException e) {
            Log.infof("Upload of import %s broke off after %d bytes: %s", id, total, e.toString());
            imports.abandonUpload(id).await().atMost(AWAIT);
            metrics.abandoned(1);
            throw e;
        }
        ImportJob queued = imports.queue(id).await().atMost(AWAIT);
        if (queued == null) {
            throw new IllegalStateException("Import " + id + " was failed while it uploaded");
        }
        runner.kick();
        return queued;
    }

    private static int readFully(InputStream in, byte[] buffer) throws IOException {
        int filled = 0;
        while (filled < buffer.length) {
            int n = in.read(buffer, filled, buffer.length - filled);
            if (n < 0) {
                break;
            }
            filled += n;
        }
        return filled;
    }
}
