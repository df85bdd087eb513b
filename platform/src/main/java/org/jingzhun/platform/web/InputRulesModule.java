package org.jingzhun.platform.web;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.function.Function;

/**
 * The rules every request body obeys, applied once while JSON is read rather than per endpoint: every
 * text ({@link TextRules}) and every date and instant ({@link DateBounds}). A refused value is a
 * {@link Refused} naming its JSON path, which {@link ProblemDetailsAdvice} answers with a 400 naming
 * the field. Only the web layer's mapper carries this module; stored events are read as they are.
 */
public class InputRulesModule extends SimpleModule {

    public InputRulesModule(int maxTextLength) {
        super("jingzhun-input-rules");
        setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription description,
                                                          JsonDeserializer<?> deserializer) {
                Function<Object, String> rule = ruleFor(description.getBeanClass(), maxTextLength);
                return rule == null ? deserializer : new Checking(deserializer, rule);
            }
        });
    }

    /**
     * A value of the wrong JSON type is refused (400 naming the field) instead of converted: a number or
     * boolean for a text ({@code "title": -1}), a number for a date ({@code "date": -1} would be an epoch day,
     * 1969-12-31), a text or fraction for a whole number ({@code "visitors": "3"}, {@code 3.7}), a number for
     * an enumeration ({@code "tier": 0}), a number or text for a boolean.
     */
    public static void refuseCoercions(ObjectMapper mapper) {
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Integer)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Float).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Boolean)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        mapper.configure(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS, true);
        for (Class<?> time : List.of(LocalDate.class, LocalDateTime.class, Instant.class, OffsetDateTime.class,
                ZonedDateTime.class)) {
            mapper.configOverride(time).setFormat(JsonFormat.Value.forLeniency(false));
        }
    }

    private static Function<Object, String> ruleFor(Class<?> type, int maxTextLength) {
        if (type == String.class) {
            return value -> TextRules.violation((String) value, maxTextLength);
        }
        if (type == LocalDate.class) {
            return value -> DateBounds.contains((LocalDate) value) ? null : DateBounds.MESSAGE;
        }
        if (type == LocalDateTime.class) {
            return value -> DateBounds.contains(((LocalDateTime) value).toLocalDate()) ? null : DateBounds.MESSAGE;
        }
        if (type == Instant.class) {
            return value -> DateBounds.contains((Instant) value) ? null : DateBounds.MESSAGE;
        }
        if (type == OffsetDateTime.class) {
            return value -> DateBounds.contains(((OffsetDateTime) value).toLocalDate()) ? null : DateBounds.MESSAGE;
        }
        if (type == ZonedDateTime.class) {
            return value -> DateBounds.contains(((ZonedDateTime) value).toLocalDate()) ? null : DateBounds.MESSAGE;
        }
        return null;
    }

    /** A value that was read but is refused by a rule; its path names the field. */
    public static final class Refused extends JsonMappingException {
        Refused(JsonParser parser, String message) {
            super(parser, message);
        }
    }

    /** Reads with the usual deserializer, then applies the rule. */
    private static final class Checking extends DelegatingDeserializer {
        private final Function<Object, String> rule;

        Checking(JsonDeserializer<?> delegate, Function<Object, String> rule) {
            super(delegate);
            this.rule = rule;
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
            return new Checking(delegate, rule);
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            Object value = super.deserialize(parser, context);
            String violation = value == null ? null : rule.apply(value);
            if (violation != null) {
                throw new Refused(parser, violation);
            }
            return value;
        }
    }
}
