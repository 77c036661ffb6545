package io.switchboard.crm.media;

/** An upload went past {@code switchboard.crm.media.max-bytes}; nothing was kept. */
public class MediaTooLargeException extends RuntimeException {

    public MediaTooLargeException(long limit) {
        super("The media is larger than the limit of " + limit + " bytes; nothing was stored.", null, false, false);
    }
}
