package com.example.visits.testsupport.manifests;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonPointer;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The documents of one YAML file as trees that keep YAML's own scalar types ({@code 5432} is a number,
 * {@code "5432"} a string), plus the line of any field, so messages can say where to look.
 */
final class YamlDocuments {

    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    private final String text;
    private final List<JsonNode> documents;

    private YamlDocuments(String text, List<JsonNode> documents) {
        this.text = text;
        this.documents = documents;
    }

    /** Reads all documents; empty ones (a lone {@code ---}, only comments) are kept as null to keep the numbering. */
    static YamlDocuments parse(String text) throws JacksonException {
        List<JsonNode> documents = new ArrayList<>();
        try (JsonParser parser = YAML.createParser(text)) {
            while (parser.nextToken() != null) {
                JsonNode document = parser.readValueAsTree();
                documents.add(document == null || document.isNull() ? null : document);
            }
        }
        return new YamlDocuments(text, documents);
    }

    List<JsonNode> documents() {
        return documents;
    }

    /** The 1-based line where the field at {@code path} of document {@code index} starts, if it can be found. */
    OptionalInt lineOf(int index, FieldPath path) {
        JsonPointer wanted = path.toPointer();
        try (JsonParser parser = YAML.createParser(text)) {
            int document = -1;
            boolean atRoot = true;
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (atRoot) {
                    document++;
                }
                atRoot = parser.streamReadContext().inRoot();
                if (document == index && token != JsonToken.END_OBJECT && token != JsonToken.END_ARRAY
                        && parser.streamReadContext().pathAsPointer().equals(wanted)) {
                    return OptionalInt.of(parser.currentTokenLocation().getLineNr());
                }
            }
        } catch (JacksonException unreadable) {
            // the caller has already read it once; no line is better than a second error
        }
        return OptionalInt.empty();
    }
}
