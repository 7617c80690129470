package dev.concierge.redis;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.concierge.core.conversation.ConversationId;
import dev.concierge.core.customer.CustomerId;
import dev.concierge.core.message.MessageId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Function;

/** How records are stored in Redis: JSON, typed ids as plain strings, instants as ISO-8601 text. */
public final class RedisJson {
    private final ObjectMapper mapper;

    public RedisJson() {
        SimpleModule ids = new SimpleModule("concierge-ids");
        addId(ids, ConversationId.class, ConversationId::value, ConversationId::new);
        addId(ids, CustomerId.class, CustomerId::value, CustomerId::new);
        addId(ids, MessageId.class, MessageId::value, MessageId::new);
        this.mapper = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .registerModule(ids)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** Lets other modules' Redis code register their own typed ids. */
    public <T> RedisJson withId(Class<T> type, Function<T, String> toText, Function<String, T> fromText) {
        SimpleModule module = new SimpleModule("concierge-id-" + type.getSimpleName());
        addId(module, type, toText, fromText);
        mapper.registerModule(module);
        return this;
    }

    public String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + value.getClass().getSimpleName(), e);
        }
    }

    public <T> T read(String json, Class<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (IOException e) {
            throw new UncheckedIOException("corrupt " + type.getSimpleName() + " in Redis", e);
        }
    }

    private static <T> void addId(SimpleModule module, Class<T> type, Function<T, String> toText,
            Function<String, T> fromText) {
        module.addSerializer(type, new JsonSerializer<T>() {
            @Override
            public void serialize(T value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                gen.writeString(toText.apply(value));
            }
        });
        module.addDeserializer(type, new JsonDeserializer<T>() {
            @Override
            public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                return fromText.apply(p.getValueAsString());
            }
        });
        module.addKeySerializer(type, new JsonSerializer<T>() {
            @Override
            public void serialize(T value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                gen.writeFieldName(toText.apply(value));
            }
        });
    }
}
