package dev.streamfit.advisor;

import java.util.function.Supplier;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Words built the first time they are read. Every workload is evaluated at every poll — 10,000
 * streams, each with four answers and a recommendation — while their evidence is read only when
 * someone opens the API or the page: formatting it eagerly would make each evaluation cost a few
 * hundred thousand {@code String.format}s for nothing. The numbers the words describe are captured
 * when the answer is made, so the text says what that evaluation measured.
 */
public final class LazyText {

    private Supplier<String> words;
    private volatile String built;

    private LazyText(Supplier<String> words) {
        this.words = words;
    }

    static LazyText of(Supplier<String> words) {
        return new LazyText(words);
    }

    @JsonValue
    @Override
    public String toString() {
        String text = built;
        if (text == null) {
            synchronized (this) {
                if (built == null) {
                    built = words.get();
                    words = null; // what it captured can go
                }
                text = built;
            }
        }
        return text;
    }

    /** Equal when the words are: an answer is compared by what it says. */
    @Override
    public boolean equals(Object other) {
        return other instanceof LazyText text && toString().equals(text.toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }
}
