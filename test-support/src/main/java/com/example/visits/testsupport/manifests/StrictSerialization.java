package com.example.visits.testsupport.manifests;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.BeanProperty;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.deser.std.StdDeserializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

/**
 * fabric8's serialization, made as strict about scalar types as the API server: fabric8 turns every YAML scalar
 * into text first and accepts {@code replicas: "2"} or {@code DB_PORT: 5432} in a ConfigMap, which
 * {@code kubectl apply} rejects ("cannot unmarshal number into Go struct field ... of type string").
 */
final class StrictSerialization extends KubernetesSerialization {

    StrictSerialization() {
        super(JsonMapper.builder()
                .withCoercionConfig(LogicalType.Textual, config -> config
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Integer, config -> config
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Boolean, config -> config
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail))
                .build(), true);
    }

    @Override
    protected ObjectMapper configureMapper(ObjectMapper mapper) {
        // Registered after fabric8's GoCompatibilityModule, so this Integer deserializer wins.
        return super.configureMapper(mapper).rebuild()
                .addModule(new SimpleModule("strict-integers").addDeserializer(Integer.class, new StrictIntegers(false)))
                .build();
    }

    /** Integers must be YAML numbers; only file modes may be octal text ({@code defaultMode: 0644}). */
    static final class StrictIntegers extends StdDeserializer<Integer> {
        private static final Set<String> FILE_MODE_FIELDS = Set.of("mode", "defaultMode");
        private static final Pattern OCTAL = Pattern.compile("0[oO]?([0-7]+)");
        private final boolean fileMode;

        StrictIntegers(boolean fileMode) {
            super(Integer.class);
            this.fileMode = fileMode;
        }

        @Override
        public ValueDeserializer<?> createContextual(DeserializationContext context, BeanProperty property) {
            boolean isFileMode = property != null && FILE_MODE_FIELDS.contains(property.getName());
            return isFileMode == fileMode ? this : new StrictIntegers(isFileMode);
        }

        @Override
        public Integer deserialize(JsonParser parser, DeserializationContext context) {
            if (parser.hasToken(JsonToken.VALUE_NUMBER_INT)) {
                return parser.getIntValue();
            }
            if (fileMode && parser.hasToken(JsonToken.VALUE_STRING)) {
                // YAML 1.2 reads 0644 as text; Kubernetes (YAML 1.1) reads it as octal.
                Matcher octal = OCTAL.matcher(parser.getString());
                if (octal.matches()) {
                    return Integer.parseInt(octal.group(1), 8);
                }
            }
            return (Integer) context.handleUnexpectedToken(Integer.class, parser);
        }
    }
}
