package dev.concierge.bot.nlu;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A BERT-style sentence encoder (CLS pooling, L2-normalised) run in-process with ONNX Runtime. The model and
 * tokenizer files are classpath resources (they ship inside the langchain4j model jars); nothing is downloaded.
 *
 * <p>Why not langchain4j's own {@code EmbeddingModel}: its session uses ONNX Runtime's defaults, one intra-op
 * thread pool per session as wide as the machine, with spin-waiting workers, so two callers on two cores run
 * four busy threads; it tokenizes each text three times; and its {@code embedAll} runs every text as its own
 * session call on another machine-wide pool. Here the session gets <b>one</b> intra-op and one inter-op thread
 * and no spinning: a call runs on the caller's thread, and at most one forward pass per core runs at a time
 * across all encoders (further callers wait: under load, sixteen bot workers time-slicing passes on two cores
 * cost a fifth more CPU per message; docs/benchmarks/load.md). One session is shared: ONNX Runtime's
 * {@code run} is thread-safe.
 *
 * <p>Texts are tokenized once and truncated to 512 tokens (shopper messages are far shorter). The JVM must run
 * with {@code -Dai.djl.offline=true} and {@code OPT_OUT_TRACKING=true}: the tokenizer library phones home
 * otherwise. Loading takes about a second and 100-200 MB per model; share one instance. Thread-safe.
 */
abstract class OnnxSentenceEncoder implements SentenceEncoder, AutoCloseable {

    private static final int MAX_TOKENS = 512;

    /**
     * Forward passes running at once, over all encoders: one per core. A pass is pure computation over tens of
     * megabytes of weights; with more of them than cores (16 bot workers under load) the scheduler slices them,
     * and each slice starts with cold caches. Callers beyond the limit wait instead of competing.
     */
    private static final Semaphore RUNNING = new Semaphore(Math.max(1, Runtime.getRuntime().availableProcessors()));
    private static final AtomicInteger RUNNING_NOW = new AtomicInteger();
    private static final AtomicInteger RUNNING_PEAK = new AtomicInteger();

    private final String name;
    private final int dimension;
    private final OrtEnvironment environment;
    private final OrtSession session;
    private final HuggingFaceTokenizer tokenizer;
    private final boolean typeIds;
    private final int threads;

    OnnxSentenceEncoder(String name, int dimension, String modelResource, String tokenizerResource) {
        this.name = name;
        this.dimension = dimension;
        this.threads = Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));
        try {
            this.environment = OrtEnvironment.getEnvironment();
            this.session = environment.createSession(readResource(modelResource), sessionOptions());
            this.typeIds = session.getInputNames().contains("token_type_ids");
            try (InputStream in = resource(tokenizerResource)) {
                this.tokenizer = HuggingFaceTokenizer.newInstance(in, Map.of(
                        "padding", "false", "truncation", "true", "maxLength", Integer.toString(MAX_TOKENS)));
            }
        } catch (OrtException e) {
            throw new IllegalStateException("cannot load ONNX model " + modelResource + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load tokenizer " + tokenizerResource, e);
        }
    }

    /** One thread per call, no spin-waiting: the caller's thread does the work (see the class comment). */
    private static OrtSession.SessionOptions sessionOptions() throws OrtException {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setIntraOpNumThreads(1);
        options.setInterOpNumThreads(1);
        options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
        options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        options.addConfigEntry("session.intra_op.allow_spinning", "0");
        options.addConfigEntry("session.inter_op.allow_spinning", "0");
        return options;
    }

    private static InputStream resource(String name) {
        InputStream in = OnnxSentenceEncoder.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("classpath resource " + name + " not found (is its model jar missing?)");
        }
        return in;
    }

    private static byte[] readResource(String name) throws IOException {
        try (InputStream in = resource(name)) {
            return in.readAllBytes();
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public float[] encode(String text) {
        return run(tokenizer.encode(text));
    }

    /**
     * Embeds every text one at a time, on at most two threads. Not in padded batches: measured here, batches
     * of 2-64 short texts were no faster per text (padding and attention cost eat the gain) and, as the int8
     * model quantises activations per call, changed the vectors (cosine to the single-text vector down to
     * 0.99), so training and serving would see different features.
     */
    @Override
    public List<float[]> encodeAll(List<String> texts) {
        float[][] out = new float[texts.size()][];
        if (texts.size() < 16 || threads == 1) {
            for (int i = 0; i < out.length; i++) {
                out[i] = encode(texts.get(i));
            }
            return Arrays.asList(out);
        }
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "sentence-encoder-" + name);
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < threads; w++) {
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < out.length; i = next.getAndIncrement()) {
                        out[i] = encode(texts.get(i));
                    }
                }));
            }
            for (Future<?> f : workers) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while embedding", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return Arrays.asList(out);
    }

    /** Runs the model on one tokenized text and returns its normalised CLS vector. */
    private float[] run(Encoding encoding) {
        long[] shape = {1, encoding.getIds().length};
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try (OnnxTensor ids = OnnxTensor.createTensor(environment, LongBuffer.wrap(encoding.getIds()), shape);
             OnnxTensor mask = OnnxTensor.createTensor(environment, LongBuffer.wrap(encoding.getAttentionMask()), shape);
             OnnxTensor types = OnnxTensor.createTensor(environment, LongBuffer.wrap(encoding.getTypeIds()), shape)) {
            inputs.put("input_ids", ids);
            inputs.put("attention_mask", mask);
            if (typeIds) {
                inputs.put("token_type_ids", types);
            }
            RUNNING.acquireUninterruptibly();
            RUNNING_PEAK.accumulateAndGet(RUNNING_NOW.incrementAndGet(), Math::max);
            try (OrtSession.Result result = session.run(inputs)) {
                // last hidden state [1, tokens, hidden]: the CLS vector comes first
                FloatBuffer hidden = ((OnnxTensor) result.get(0)).getFloatBuffer();
                float[] v = new float[dimension];
                hidden.get(0, v, 0, dimension);
                return normalize(v);
            } finally {
                RUNNING_NOW.decrementAndGet();
                RUNNING.release();
            }
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed to embed: " + e.getMessage(), e);
        }
    }

    /** The most forward passes that have run at once in this JVM (never more than the cores). */
    static int peakConcurrentRuns() {
        return RUNNING_PEAK.get();
    }

    private static float[] normalize(float[] v) {
        double sum = 0;
        for (float f : v) {
            sum += f * f;
        }
        if (sum > 0) {
            float inv = (float) (1.0 / Math.sqrt(sum));
            for (int i = 0; i < v.length; i++) {
                v[i] *= inv;
            }
        }
        return v;
    }

    /** Releases the native session (the encoder is unusable afterwards). */
    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException(e);
        } finally {
            tokenizer.close();
        }
    }
}
