package dev.streamfit.poll;

import java.time.Instant;
import java.util.List;

/**
 * What one successful poll of a target collected. Immutable; every later stage (history,
 * evaluators, API, metrics) reads its figures from here, so each figure is the same everywhere.
 */
public interface TargetSnapshot {

    TargetId target();

    /** When the poll took place (the watched server's clock where it tells us). */
    Instant collectedAt();

    /** What the poll could not collect although the target answered (a denied command, a limit). */
    List<CollectionProblem> problems();

    /**
     * What the poll could not list or describe: the workloads these cover are kept from the previous
     * poll, marked stale. Not empty: the poll is partial.
     */
    List<Gap> gaps();
}
