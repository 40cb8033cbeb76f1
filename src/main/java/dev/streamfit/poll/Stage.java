package dev.streamfit.poll;

/**
 * One step of the evaluation of a poll (Burrow's "protocol" idea: every stage has the same small
 * contract). Implementations are CDI beans; {@link EvaluationPipeline} runs them in
 * {@link StageName} order on a worker thread, one poll of a target at a time, never on an I/O
 * thread. A stage that throws is logged and counted; the stages after it still run.
 */
public interface Stage {

    /**
     * Where in the pipeline this stage runs. Several beans may share a stage (e.g. one per system);
     * they must not read each other's results, as their order within the stage is not defined.
     */
    StageName stage();

    /** Evaluates one poll of one target: its status, and its snapshot when the poll succeeded. */
    void evaluate(TargetPolled polled);

    /**
     * Withdraws what this stage holds for the target: called when {@link #evaluate} threw, so that
     * the later stages, the API and the metrics see "unknown", not the previous poll's results
     * presented as current.
     */
    default void forget(TargetId target) {
    }
}
