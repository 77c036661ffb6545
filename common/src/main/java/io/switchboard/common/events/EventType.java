package io.switchboard.common.events;

/**
 * One kind of event, defined once for producer and consumers alike: the topic it travels on, its CloudEvent
 * {@code type}, and the record its {@code data} reads into. Each topic's types live in one class of this package
 * ({@code CallbackEvents}, {@code CampaignEvents}, ...).
 *
 * @param topic
 *            the Kafka topic, one of {@link Topics}
 * @param type
 *            the CloudEvent {@code type}, e.g. {@code switchboard.callback.requested}
 * @param dataType
 *            the payload record
 */
public record EventType<T>(String topic, String type, Class<T> dataType) {

    public static <T> EventType<T> of(String topic, String type, Class<T> dataType) {
        return new EventType<>(topic, type, dataType);
    }

    /** True when the event is of this type (and so its data reads as {@link #dataType()}). */
    public boolean matches(CloudEvent event) {
        return event != null && type.equals(event.type());
    }
}
