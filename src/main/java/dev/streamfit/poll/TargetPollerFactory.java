package dev.streamfit.poll;

import java.util.List;

/** Builds the pollers of one system from its configured targets; one bean per system. */
public interface TargetPollerFactory {

    List<TargetPoller> createPollers();
}
