package org.jingzhun.contracts;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * The Chinese labels of the public enumerations and event types (e.g. {@code ProblemStatus.VERIFIED} →
 * 已销号), for documents people read, such as the rectification ledger and the audit-trail workbook. The
 * words live in one table, {@code labels_zh.properties} beside this class; machines keep the codes.
 */
public final class Labels {

    private static final Properties ZH = load();

    private Labels() {
    }

    /** The Chinese label of an enumeration constant; its code if the table has none. */
    public static String zh(Enum<?> value) {
        return ZH.getProperty(value.getDeclaringClass().getSimpleName() + "." + value.name(), value.name());
    }

    /** The Chinese label of an event type by its name (e.g. {@code ProblemLogged}); the name if none. */
    public static String zhEvent(String eventName) {
        return ZH.getProperty("event." + eventName, eventName);
    }

    /** Whether the table has a label for this key ({@code FocusArea.OTHER}, {@code event.ProblemLogged}). */
    static boolean has(String key) {
        return ZH.containsKey(key);
    }

    private static Properties load() {
        Properties labels = new Properties();
        try (InputStream in = Labels.class.getResourceAsStream("labels_zh.properties")) {
            if (in == null) {
                throw new IllegalStateException("labels_zh.properties is missing beside " + Labels.class.getName());
            }
            labels.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return labels;
    }
}
