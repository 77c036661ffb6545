package io.switchboard.lead.bulk;

import java.io.Closeable;
import java.io.IOException;

/** The rows of an upload, one at a time, whatever its size. */
interface RowSource extends Closeable {

    /**
     * @return the next row, or null after the last
     *
     * @throws UnreadableUploadException
     *             when the upload cannot be read further (malformed CSV or JSON)
     */
    RawRow next() throws IOException;

    /** Skips rows already imported by an earlier run, without reading them as leads. */
    default void skip(long rows) throws IOException {
        for (long i = 0; i < rows; i++) {
            if (next() == null) {
                return;
            }
        }
    }

    /** The upload cannot be read past this point; rows before it stand. */
    final class UnreadableUploadException extends RuntimeException {

        UnreadableUploadException(String message) {
            super(message, null, false, false);
        }
    }
}
