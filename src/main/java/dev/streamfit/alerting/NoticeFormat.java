package dev.streamfit.alerting;

/** How a sink writes a notice: the request body, rendered once and sent unchanged on every retry. */
interface NoticeFormat {

    byte[] render(Notice notice);

    /** Whether a notice carries a whole group of alerts (alertmanager) or one alert (slack, streamfit). */
    default boolean grouped() {
        return false;
    }
}
