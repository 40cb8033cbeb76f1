package dev.streamfit.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.StreamingOutput;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SequenceWriter;

import dev.streamfit.advisor.AdvisorService;
import dev.streamfit.advisor.Workload;
import dev.streamfit.poll.TargetId;

/**
 * {@code /api/v1/workloads} as JSON, each target's part written once per evaluation of that target —
 * by the first request after it, not by the evaluation, which would pay for every workload's evidence
 * text at every poll whether anyone reads it or not. At 10,000 workloads the answer is 11 MiB: writing
 * it anew per request cost 0.1–0.2 s, and the first request after an evaluation also formats the
 * evidence (0.5 s). A target's part is split into its workloads to act on and the rest, so that the
 * parts joined give exactly {@link AdvisorService#ACT_ON_FIRST}'s order across targets.
 */
@ApplicationScoped
public class WorkloadsJson {

    @Inject
    AdvisorService advisor;
    @Inject
    ObjectMapper mapper;

    /** A target's workloads (the very list the advisor holds) and their JSON, array elements without brackets. */
    private record Part(List<Workload> of, JsonChunks actOn, JsonChunks rest) {
    }

    private final ConcurrentMap<TargetId, Part> parts = new ConcurrentHashMap<>();

    /**
     * Every workload of every target whose last poll succeeded, in {@link AdvisorService#ACT_ON_FIRST}
     * order, as a JSON array written to the response from the parts as they are: joined into one
     * array first, the 10 MB answer was a humongous object for G1 (twice) at every request.
     */
    public StreamingOutput all() {
        List<TargetId> targets = advisor.targets().stream().sorted().toList();
        parts.keySet().retainAll(targets);
        List<Part> current = new ArrayList<>(targets.size());
        for (TargetId target : targets) {
            List<Workload> workloads = advisor.workloads(target);
            Part part = parts.get(target);
            if (part == null || part.of() != workloads) {
                part = render(workloads);
                parts.put(target, part);
            }
            current.add(part);
        }
        return out -> {
            out.write('[');
            boolean first = true;
            for (boolean actOn : new boolean[] {true, false}) {
                for (Part part : current) {
                    JsonChunks elements = actOn ? part.actOn() : part.rest();
                    if (elements.size() > 0) {
                        if (!first) {
                            out.write(',');
                        }
                        elements.writeTo(out);
                        first = false;
                    }
                }
            }
            out.write(']');
        };
    }

    private Part render(List<Workload> workloads) {
        List<Workload> sorted = workloads.stream().sorted(AdvisorService.ACT_ON_FIRST).toList();
        return new Part(workloads, elements(sorted.stream().filter(w -> w.verdict().actOn()).toList()),
                elements(sorted.stream().filter(w -> !w.verdict().actOn()).toList()));
    }

    /** The workloads as JSON array elements: comma-separated, no brackets. */
    private JsonChunks elements(List<Workload> workloads) {
        JsonChunks chunks = new JsonChunks();
        try (SequenceWriter writer = mapper.writer().withRootValueSeparator(",").writeValues(chunks)) {
            for (Workload workload : workloads) {
                writer.write(workload);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // JsonChunks does not fail
        }
        return chunks;
    }
}
