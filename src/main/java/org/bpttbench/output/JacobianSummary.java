package org.bpttbench.output;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.TypeAdapter;
import com.google.gson.TypeAdapterFactory;
import com.google.gson.annotations.JsonAdapter;
import com.google.gson.annotations.SerializedName;
import com.google.gson.reflect.TypeToken;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.util.List;
import org.bpttbench.cell.CellKind;
import org.bpttbench.experiment.JacobianConfig;
import org.bpttbench.experiment.JacobianResult;
import org.bpttbench.experiment.Setup;

/**
 * jacobian's {@code summary.json}: written from the result ({@link #of}) and read back by the
 * report, the same record both ways (keys are the components in snake_case; nan/inf as strings).
 * ρ is null under the {@code pytorch} init. The activation and W_hh's spectral radius and largest
 * singular value are rnn's only: null for gru and lstm, and then not written at all.
 */
@JsonAdapter(JacobianSummary.RnnOnly.class)
public record JacobianSummary(String experiment, String backend, long seed, int hidden,
                              int input, int classes, int steps, String init,
                              @JsonAdapter(NullableDouble.class) Double rho, String cell,
                              String activation, Double wHhSpectralRadius,
                              Double wHhLargestSingularValue, int jacobianSize,
                              double inputScale,
                              @SerializedName("norm2_at_lag_T") String norm2AtLagT,
                              double lyapunovMaxPerStep, double lyapunovMinPerStep,
                              @SerializedName("growth_rate_ln_norm_P0T_over_T")
                              double growthRate, String note) {

  /** The keys a gru or lstm summary leaves out. */
  private static final List<String> RNN_KEYS = List.of("activation", "w_hh_spectral_radius",
      "w_hh_largest_singular_value");

  static JacobianSummary of(JacobianResult r) {
    JacobianConfig c = r.config();
    Setup s = c.setup();
    boolean rnn = c.cell() == CellKind.RNN;
    double[] le = r.lyapunov();
    return new JacobianSummary("jacobian", r.backend(), s.seed(), s.hidden(), s.input(),
        s.classes(), s.steps(), s.init().id(), s.rhoUsed(), c.cell().id(),
        rnn ? c.activation().id() : null, rnn ? r.wRadius() : null, rnn ? r.wSigma() : null,
        c.size(), c.inputScale(), Numbers.fullLog10(r.log10Norm()[s.steps()]), le[0],
        le[le.length - 1], r.growth(), "finite-time exponents over one trajectory of T steps;"
            + " decades_per_10_steps = -lambda*10/ln(10) (positive = vanishing)");
  }

  /** Writes the record without its null rnn-only keys; reads it as any record. */
  static final class RnnOnly implements TypeAdapterFactory {
    @Override
    public <T> TypeAdapter<T> create(Gson gson, TypeToken<T> type) {
      TypeAdapter<T> record = gson.getDelegateAdapter(this, type);
      TypeAdapter<JsonElement> tree = gson.getAdapter(JsonElement.class);
      return new TypeAdapter<>() {
        @Override
        public void write(JsonWriter out, T value) throws IOException {
          JsonElement json = record.toJsonTree(value);
          if (json instanceof JsonObject o) {
            RNN_KEYS.stream().filter(k -> o.has(k) && o.get(k).isJsonNull()).toList()
                .forEach(o::remove);
          }
          tree.write(out, json);
        }

        @Override
        public T read(JsonReader in) throws IOException {
          return record.read(in);
        }
      };
    }
  }
}
