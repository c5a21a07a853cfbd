package io.ctsync.contract.event;

/**
 * Topic names of the source: one topic per table, {@code <prefix>.<database>.<schema>.<table>}, and one
 * heartbeat topic, {@code <prefix>.heartbeat}. Characters Kafka does not allow in topic names become {@code _}.
 */
public final class ChangeTopics {

    private static final int MAX_TOPIC_LENGTH = 249;

    private ChangeTopics() {
    }

    public static String forTable(String topicPrefix, String database, String schema, String table) {
        return checked(String.join(".", topicPart(topicPrefix), topicPart(database), topicPart(schema), topicPart(table)));
    }

    public static String heartbeat(String topicPrefix) {
        return checked(topicPart(topicPrefix) + ".heartbeat");
    }

    /** One part of a topic name: Kafka allows {@code [a-zA-Z0-9._-]}; everything else becomes {@code _}. */
    public static String topicPart(String name) {
        StringBuilder out = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean legal = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == '-';
            out.append(legal ? c : '_');
        }
        return out.toString();
    }

    private static String checked(String topic) {
        if (topic.length() > MAX_TOPIC_LENGTH) {
            throw new IllegalArgumentException("Topic name '" + topic + "' is longer than Kafka's limit of "
                    + MAX_TOPIC_LENGTH + " characters; choose a shorter topic.prefix");
        }
        return topic;
    }
}
