package dev.concierge.server;

import dev.concierge.bot.nlu.KnowledgeBaseEmbedder;
import dev.concierge.bot.nlu.cli.NluEvalCommand;
import dev.concierge.bot.nlu.cli.NluTrainCommand;
import dev.concierge.kb.cli.KbClincBuildCommand;
import dev.concierge.kb.cli.KbEvalCommand;
import java.io.PrintStream;
import java.util.Optional;

/**
 * The tool subcommands (evaluations, benchmarks, training). Each prints progress on stderr and, for evaluations
 * and benchmarks, one JSON object as its last stdout line.
 */
final class Commands {
    private Commands() {
    }

    static Optional<Integer> run(String name, String[] args, PrintStream out, PrintStream err) {
        return switch (name) {
            case "nlu-eval" -> Optional.of(NluEvalCommand.run(args, out, err));
            case "nlu-train" -> Optional.of(NluTrainCommand.run(args, out, err));
            // the knowledge base owns no embedding model: the launcher hands it bot-engine's encoders
            case "kb-eval" -> Optional.of(KbEvalCommand.run(args, out, err, KnowledgeBaseEmbedder::createDefault));
            case "kb-build-clinc" -> Optional.of(KbClincBuildCommand.run(args, out, err));
            case "bench" -> Optional.of(bench(args, out, err));
            default -> Optional.empty();
        };
    }

    private static int bench(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.println("usage: concierge bench <routing|load|idle|faults> [options]");
            return 2;
        }
        String[] rest = java.util.Arrays.copyOfRange(args, 1, args.length);
        return switch (args[0]) {
            case "routing" -> dev.concierge.server.bench.RoutingBench.run(rest, out, err);
            case "load" -> dev.concierge.server.bench.LoadBench.run(rest, out, err);
            case "idle" -> dev.concierge.server.bench.IdleBench.run(rest, out, err);
            case "faults" -> dev.concierge.server.bench.FaultBench.run(rest, out, err);
            default -> {
                err.println("unknown benchmark: " + args[0] + " (available: routing, load, idle, faults)");
                yield 2;
            }
        };
    }

    static String usage() {
        return """
                  nlu-eval --train FILE --test FILE [--oos-label oos] [--profile default|fast]
                                       train and evaluate the intent classifier; last line JSON
                  nlu-train --train FILE [--format jsonl|yaml|rasa] --out MODEL
                                       train an intent model file the server can load
                  kb-eval --kb FILE --queries FILE [--dense on|off]
                                       evaluate FAQ retrieval (with the plain BM25 baseline); last line JSON
                  kb-build-clinc --datasets DIR --out DIR
                                       build CLINC150-as-FAQ files for kb-eval from ../shared/datasets
                  bench routing [--store memory|redis] [--redis URL] [--agents N] [--conversations N]
                                [--threads N] [--warmup N]
                                       routing throughput and correctness; last line JSON
                  bench load [--nodes N] [--shoppers S] [--agents A] [--duration SECONDS] [--warmup SECONDS]
                             [--store memory|redis] [--redis URL] [--profile fast|default] [--handoff-every K]
                                       end-to-end load (chat, SMS, email, agents) beside a WebSocket echo
                                       baseline; last line JSON
                  bench idle [--connections N] [--heap 2g]
                                       idle shopper WebSockets on one node (child JVM) and heap per
                                       connection; last line JSON
                  bench faults [--shoppers S] [--phase SECONDS] [--profile fast|default]
                                       two nodes on their own AOF Redis under load: kill -9 a node, then
                                       Redis; lost, duplicates, recovery_seconds; last line JSON
                """;
    }
}
