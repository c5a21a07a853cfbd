package io.ctsync.compat;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.List;

/** Log configuration for children of every version: Kafka 3.x reads the first property (reload4j), 4.x the second. */
final class ChildLogging {

    private ChildLogging() {
    }

    static List<String> systemProperties() {
        return List.of("-Dlog4j.configuration=" + resource("child-log4j.properties"),
                "-Dlog4j2.configurationFile=" + Path.of(toUri(resource("child-log4j2.properties"))));
    }

    private static URL resource(String name) {
        URL url = ChildLogging.class.getClassLoader().getResource(name);
        if (url == null) {
            throw new IllegalStateException("Test resource " + name + " is missing");
        }
        return url;
    }

    private static URI toUri(URL url) {
        try {
            return url.toURI();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
