package io.marginscope.io;

/**
 * Bad input: names the file, the line (1-based, 0 when unknown) and the field, so the analyst can
 * go straight to it. Nothing of a file that raised it has been loaded.
 */
public class InputException extends Exception {

    private final String file;
    private final int line;
    private final String field;
    private final String problem;

    public InputException(String file, int line, String field, String problem) {
        this(file, line, field, problem, "field");
    }

    private InputException(String file, int line, String field, String problem, String fieldKind) {
        super(format(file, line, field, problem, fieldKind));
        this.file = file;
        this.line = line;
        this.field = field;
        this.problem = problem;
    }

    /** An error in a CSV cell: the field is a column. */
    public static InputException column(String file, int line, String column, String problem) {
        return new InputException(file, line, column, problem, "column");
    }

    public InputException(String file, int line, String field, String problem, Throwable cause) {
        this(file, line, field, problem);
        initCause(cause);
    }

    private static String format(String file, int line, String field, String problem, String fieldKind) {
        StringBuilder sb = new StringBuilder(file == null ? "<input>" : file);
        if (line > 0) {
            sb.append(": line ").append(line);
        }
        if (field != null && !field.isEmpty()) {
            sb.append(line > 0 ? ", " : ": ").append(fieldKind).append(" '").append(field).append('\'');
        }
        sb.append(": ").append(problem.replace('\n', ' '));
        return sb.toString();
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    public String field() {
        return field;
    }

    public String problem() {
        return problem;
    }
}
