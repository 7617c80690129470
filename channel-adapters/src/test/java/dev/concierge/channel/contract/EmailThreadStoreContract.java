package dev.concierge.channel.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.concierge.channel.email.EmailThreadStore;
import dev.concierge.core.conversation.ConversationId;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every {@link EmailThreadStore} passes these tests. */
public interface EmailThreadStoreContract {

    EmailThreadStore threads();

    @Test
    default void linkedMessageIdsFindTheirConversation() {
        ConversationId c = new ConversationId("c-1");
        threads().link(c, "<abc.123@mail.example.com>");
        threads().link(c, "ours-1@support.example.com");
        assertThat(threads().conversationOf("abc.123@mail.example.com")).contains(c);
        assertThat(threads().conversationOf("<ours-1@support.example.com>")).contains(c);
        assertThat(threads().conversationOf("unknown@x")).isEmpty();
        assertThat(threads().references(c)).containsExactly("abc.123@mail.example.com", "ours-1@support.example.com");
    }

    @Test
    default void aForgottenThreadLeavesNothing() {
        ConversationId c = new ConversationId("c-gone");
        ConversationId kept = new ConversationId("c-kept");
        threads().link(c, "<li.wei.1@mail.example.com>");
        threads().link(kept, "<other@mail.example.com>");
        String token = threads().replyToken(c);
        threads().rememberSubject(c, "My order");
        threads().forget(c);
        assertThat(threads().conversationOf("li.wei.1@mail.example.com")).isEmpty();
        assertThat(threads().conversationOfToken(token)).isEmpty();
        assertThat(threads().references(c)).isEmpty();
        assertThat(threads().subject(c)).isEmpty();
        assertThat(threads().conversationOf("other@mail.example.com")).contains(kept);
    }

    @Test
    default void referencesKeepTheNewest() {
        ConversationId c = new ConversationId("c-2");
        for (int i = 0; i < EmailThreadStore.MAX_REFERENCES + 5; i++) {
            threads().link(c, "m" + i + "@x");
        }
        List<String> refs = threads().references(c);
        assertThat(refs).hasSize(EmailThreadStore.MAX_REFERENCES);
        assertThat(refs.get(refs.size() - 1)).isEqualTo("m" + (EmailThreadStore.MAX_REFERENCES + 4) + "@x");
        assertThat(refs.get(0)).isEqualTo("m5@x");
    }

    @Test
    default void replyTokensAreStableAndResolve() {
        ConversationId c = new ConversationId("c-3");
        String token = threads().replyToken(c);
        assertThat(token).matches("[a-z0-9]{8,32}");
        assertThat(threads().replyToken(c)).isEqualTo(token);
        assertThat(threads().replyToken(new ConversationId("c-4"))).isNotEqualTo(token);
        assertThat(threads().conversationOfToken(token)).contains(c);
        assertThat(threads().conversationOfToken("nosuchtoken")).isEmpty();
    }

    @Test
    default void concurrentTokenCreationYieldsOneToken() throws Exception {
        ConversationId c = new ConversationId("c-race");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                results.add(pool.submit(() -> threads().replyToken(c)));
            }
            Set<String> tokens = new HashSet<>();
            for (Future<String> f : results) {
                tokens.add(f.get());
            }
            assertThat(tokens).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    default void firstSubjectIsKept() {
        ConversationId c = new ConversationId("c-5");
        assertThat(threads().subject(c)).isEmpty();
        threads().rememberSubject(c, "订单 123 没有到");
        threads().rememberSubject(c, "Re: 订单 123 没有到");
        assertThat(threads().subject(c)).contains("订单 123 没有到");
    }
}
