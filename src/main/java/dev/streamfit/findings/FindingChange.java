package dev.streamfit.findings;

/**
 * A finding that began or stopped firing in one evaluation, as the registry recorded it: the
 * alerting stage reads these, never re-deriving the lifecycle.
 *
 * @param previous the finding before the evaluation (its {@code since} is when it started)
 * @param current  the finding after it: firing, or resolved with {@code since} = when it ended
 */
public record FindingChange(Finding previous, Finding current) {

    /** It began firing: pending (or new, with {@code for} 0) before, firing now. */
    public boolean fired() {
        return current.state() == FindingState.FIRING && (previous == null || previous.state() != FindingState.FIRING);
    }

    /** It stopped firing: firing before, resolved now. A pending finding that ends never fired and is no change here. */
    public boolean resolved() {
        return previous != null && previous.state() == FindingState.FIRING && current.state() == FindingState.RESOLVED;
    }
}
