package io.ctsync.bench;

import io.apicurio.registry.utils.converter.AvroConverter;
import io.ctsync.json.FastJsonConverter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.storage.Converter;

/** A topic format made concrete: the converter settings the sinks get, and converters to fill the topic with. */
final class Serialization {

    private final Format format;
    private final String converterClass;
    private final Map<String, String> settings;

    private Serialization(Format format, String converterClass, Map<String, String> settings) {
        this.format = format;
        this.converterClass = converterClass;
        this.settings = settings;
    }

    static Serialization json() {
        return new Serialization(Format.JSON, JsonConverter.class.getName(), Map.of("schemas.enable", "true"));
    }

    /** JSON with schemas through ctsync's FastJsonConverter: the worker finds it on its class path (ctsync) or in
     *  Debezium's plugin directory, as a deployment would put it next to each connector. */
    static Serialization jsonFast() {
        return new Serialization(Format.JSON_FAST, FastJsonConverter.class.getName(), Map.of("schemas.enable", "true"));
    }

    /** Avro with schemas registered in the Apicurio registry at {@code registryUrl} (its v2 API). */
    static Serialization avro(String registryUrl) {
        return new Serialization(Format.AVRO, AvroConverter.class.getName(), Map.of(
                "apicurio.registry.url", registryUrl + "/apis/registry/v2",
                "apicurio.registry.auto-register", "true",
                "apicurio.registry.find-latest", "true",
                "apicurio.registry.as-confluent", "true"));
    }

    Format format() {
        return format;
    }

    /** The format in table names: letters, digits and underscores only. */
    String tableSuffix() {
        return format.name().toLowerCase(Locale.ROOT);
    }

    String label() {
        return format.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** key.converter / value.converter settings for a connector reading the topic. */
    Map<String, String> converterConfig() {
        Map<String, String> config = new HashMap<>();
        for (String side : new String[] {"key", "value"}) {
            config.put(side + ".converter", converterClass);
            settings.forEach((name, value) -> config.put(side + ".converter." + name, value));
        }
        return config;
    }

    Converter newConverter(boolean isKey) {
        Converter converter = switch (format) {
            case JSON -> new JsonConverter();
            case JSON_FAST -> new FastJsonConverter();
            case AVRO -> new AvroConverter<>();
        };
        converter.configure(settings, isKey);
        return converter;
    }
}
