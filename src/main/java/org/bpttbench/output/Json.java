package org.bpttbench.output;

import com.google.gson.FieldNamingPolicy;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The one JSON reader and writer of every output: pretty, nulls kept, non-finite numbers as strings. */
public final class Json {
  private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeNulls().create();

  /** Doubles as numbers, or as nan/inf/-inf strings ({@link Numbers#full}); null reads as NaN. */
  private static final TypeAdapter<Double> DOUBLE = new TypeAdapter<>() {
    @Override
    public void write(JsonWriter out, Double v) throws IOException {
      if (v == null || Double.isFinite(v)) {
        out.value(v);
      } else {
        out.value(Numbers.full(v));
      }
    }

    @Override
    public Double read(JsonReader in) throws IOException {
      if (in.peek() == JsonToken.NULL) {
        in.nextNull();
        return Double.NaN;
      }
      return in.peek() == JsonToken.STRING ? Numbers.parse(in.nextString()) : in.nextDouble();
    }
  };

  /** Records from and to the outputs' snake_case keys ({@code clipNorm} is clip_norm). */
  private static final Gson RECORDS = new GsonBuilder().setPrettyPrinting().serializeNulls()
      .setFieldNamingPolicy(FieldNamingPolicy.LOWER_CASE_WITH_UNDERSCORES)
      .registerTypeAdapter(double.class, DOUBLE).registerTypeAdapter(Double.class, DOUBLE)
      .create();

  private Json() {}

  /** Writes {@code value} (maps, lists, records of those) followed by a newline. */
  public static void write(Path file, Object value) throws IOException {
    Files.writeString(file, GSON.toJson(value) + "\n", StandardCharsets.UTF_8);
  }

  /** Writes the record {@code value} with snake_case keys, nan/inf as strings, and a newline. */
  public static void writeRecord(Path file, Object value) throws IOException {
    Files.writeString(file, RECORDS.toJson(value) + "\n", StandardCharsets.UTF_8);
  }

  /** A finite double as a number, nan/inf/-inf as those strings (JSON has no such numbers). */
  public static Object number(double v) {
    return Double.isFinite(v) ? (Object) v : Numbers.full(v);
  }

  /** Reads {@code file} into {@code type}, records by their components' snake_case names. */
  public static <T> T read(Path file, Class<T> type) throws IOException {
    try {
      return RECORDS.fromJson(Files.readString(file, StandardCharsets.UTF_8), type);
    } catch (JsonParseException e) {
      throw new IllegalArgumentException(file + ": not valid JSON (" + e.getMessage() + ")");
    }
  }

  /** Parses {@code file}; a malformed one is an {@link IllegalArgumentException} naming it. */
  public static JsonElement read(Path file) throws IOException {
    try {
      return JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8));
    } catch (JsonParseException e) {
      throw new IllegalArgumentException(file + ": not valid JSON (" + e.getMessage() + ")");
    }
  }
}
