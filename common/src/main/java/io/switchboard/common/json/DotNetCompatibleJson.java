package io.switchboard.common.json;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;

import io.quarkus.jackson.ObjectMapperCustomizer;
import io.switchboard.common.input.NoNulStrings;

/**
 * The systems Switchboard replaces were .NET services: they matched JSON names case-insensitively and accepted numbers
 * sent as strings ({@code "serviceQueue": "1"}). Existing clients rely on both, so every service reads JSON that way.
 * <p>
 * Lenient in names, strict in structure: a document with a duplicate key ({@code {"a": 1, "a": 2}}, which one would win
 * is anybody's guess) or with anything after its one value ({@code {...} garbage}) is refused, a 400 on every endpoint
 * (problem JSON on the modern API, the contract's own error shape on the legacy one). So is a string with a NUL
 * character, which Postgres cannot store ({@link NoNulStrings}), and an empty string where a time belongs.
 */
@Singleton
public class DotNetCompatibleJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.configure(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES, true);
        mapper.configure(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS, true);
        mapper.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        mapper.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature());
        mapper.configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, true);
        mapper.registerModule(NoNulStrings.module());
        // An empty string is not a time: Jackson would read "" as null (a time left out), which an endpoint with a
        // default (now) then accepts, so a client's blank field would be taken as "now" without a word.
        mapper.coercionConfigFor(LogicalType.DateTime).setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
    }
}
