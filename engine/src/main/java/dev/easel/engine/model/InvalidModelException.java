package dev.easel.engine.model;

import dev.easel.engine.ModelException;
import java.util.List;

/** A model folder with one or more problems, each naming the file and what is wrong. */
public class InvalidModelException extends ModelException {
    private static final long serialVersionUID = 1L;
    private final List<String> problems;

    public InvalidModelException(String folder, List<String> problems) {
        super(folder + " is not a usable model: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
