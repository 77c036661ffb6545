package io.switchboard.lead.bulk;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.UUID;

/**
 * An import's staged upload read back piece by piece: one chunk in memory at a time. Blocks on the reactive pool, so it
 * runs on an import worker thread, never on the event loop.
 */
final class ChunkInputStream extends InputStream {

    private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(60);

    private final ImportRepository imports;
    private final UUID importId;
    private final int chunks;
    private int nextSeq;
    private byte[] current = new byte[0];
    private int position;

    ChunkInputStream(ImportRepository imports, UUID importId, int chunks) {
        this.imports = imports;
        this.importId = importId;
        this.chunks = chunks;
    }

    @Override
    public int read() throws IOException {
        if (!fill()) {
            return -1;
        }
        return current[position++] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(length, current.length - position);
        System.arraycopy(current, position, buffer, offset, n);
        position += n;
        return n;
    }

    private boolean fill() throws IOException {
        while (position >= current.length) {
            if (nextSeq >= chunks) {
                return false;
            }
            byte[] next = imports.chunk(importId, nextSeq).await().atMost(FETCH_TIMEOUT);
            if (next == null) {
                throw new IOException("Piece " + nextSeq + " of upload " + importId + " is missing");
            }
            nextSeq++;
            current = next;
            position = 0;
        }
        return true;
    }
}
