package dev.concierge.bot.order;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A WireMock server on 127.0.0.1 that serves the {@link DemoOrderService} under {@value #PREFIX} (real HTTP, the
 * same handler the server mounts), and can be told to fail: every order call 404, 500, slower than the budget,
 * or malformed JSON.
 */
public final class DemoOrderBackend implements AutoCloseable {
    public static final String PREFIX = "/api/v1";

    /** How the backend behaves for the next calls. */
    public enum Mode { DEMO, NOT_FOUND, ERROR_500, SLOW, MALFORMED }

    private final WireMockServer server;
    private final AtomicReference<DemoOrderService> demo = new AtomicReference<>();
    private final Clock clock;

    public DemoOrderBackend(Clock clock) {
        this.clock = clock;
        this.server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").containerThreads(8)
                .jettyAcceptors(1).maxRequestJournalEntries(200).extensions(new DemoTransformer()));
        server.start();
        reset(Mode.DEMO);
    }

    public OrderApiSettings settings(Duration budget) {
        return new OrderApiSettings(java.net.URI.create("http://127.0.0.1:" + server.port() + PREFIX),
                "Bearer test-token", Duration.ofMillis(500), budget);
    }

    /** Fresh demo data and the given behaviour. */
    public void reset(Mode mode) {
        demo.set(DemoOrderService.seeded(clock));
        server.resetAll();
        ResponseDefinitionBuilder response = switch (mode) {
            case DEMO -> aResponse().withTransformers(DemoTransformer.NAME);
            case NOT_FOUND -> aResponse().withStatus(404).withHeader("Content-Type", "application/json")
                    .withBody("{\"error\":\"order_not_found\"}");
            case ERROR_500 -> aResponse().withStatus(500).withBody("Internal Server Error");
            case SLOW -> aResponse().withTransformers(DemoTransformer.NAME).withFixedDelay(2600);
            case MALFORMED -> aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                    .withBody("{\"orderId\": \"DD2026");
        };
        // the recent-orders list stays healthy so the failure is met where the flow needs the order itself
        server.stubFor(any(urlPathMatching(PREFIX + "/customers/.*")).atPriority(1)
                .willReturn(aResponse().withTransformers(DemoTransformer.NAME)));
        server.stubFor(any(urlPathMatching(PREFIX + "/.*")).atPriority(5).willReturn(response));
    }

    public WireMockServer server() {
        return server;
    }

    @Override
    public void close() {
        server.stop();
    }

    private final class DemoTransformer implements ResponseDefinitionTransformerV2 {
        static final String NAME = "demo-orders";

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            var request = event.getRequest();
            String path = request.getUrl().substring(PREFIX.length());
            DemoOrderResponse response = demo.get().handle(request.getMethod().getName(), path, request.getBodyAsString());
            ResponseDefinition original = event.getResponseDefinition();
            ResponseDefinitionBuilder builder = ResponseDefinitionBuilder.like(original).but()
                    .withStatus(response.status()).withHeader("Content-Type", DemoOrderResponse.CONTENT_TYPE)
                    .withBody(response.body());
            return builder.build();
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public String getName() {
            return NAME;
        }
    }
}
