package org.bpttbench.output;

import com.google.gson.Gson;
import com.google.gson.TypeAdapter;
import com.google.gson.TypeAdapterFactory;
import com.google.gson.reflect.TypeToken;

/**
 * For a {@code Double} component that may be null, such as ρ under the {@code pytorch} init, which
 * ignores it: {@code @JsonAdapter(NullableDouble.class)} keeps null as null both ways, where
 * {@link Json} reads null as NaN. Other values are {@link Json}'s (nan/inf as strings).
 */
final class NullableDouble implements TypeAdapterFactory {
  @Override
  public <T> TypeAdapter<T> create(Gson gson, TypeToken<T> type) {
    return gson.getAdapter(type).nullSafe();
  }
}
