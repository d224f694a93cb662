package org.bpttbench.experiment;

import java.util.List;

/** One point per input scale. */
public record SaturationResult(SaturationConfig config, String backend, List<Point> points) {

  /**
   * @param saturatedFraction share of |h_t,i| &gt; threshold over t = 1..T and all units
   * @param meanTanhDerivative mean of 1 − h² over the same
   * @param log10SurviveShort log10 ‖dL_T/dh_{T−10}‖ / ‖dL_T/dh_T‖
   * @param log10SurviveLong log10 ‖dL_T/dh_{T−30}‖ / ‖dL_T/dh_T‖
   */
  public record Point(double scale, double saturatedFraction, double meanTanhDerivative,
                      double log10SurviveShort, double log10SurviveLong) {}
}
