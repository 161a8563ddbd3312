package io.lstmirf.interop.keras;

import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfInvalidPathException;
import io.lstmirf.api.InvalidInputException;
import java.lang.reflect.Array;

/** Reading jhdf values the way Keras wrote them: strings (fixed or variable length), floats. */
final class KerasHdf5 {
  private KerasHdf5() {}

  /** A string attribute ("" when absent); Keras 2 wrote bytes, Keras 3 str. */
  static String string(Node node, String name) {
    Attribute a = node.getAttribute(name);
    if (a == null) {
      return "";
    }
    Object v = a.getData();
    if (v != null && v.getClass().isArray()) {
      return Array.getLength(v) == 0 ? "" : String.valueOf(Array.get(v, 0));
    }
    return String.valueOf(v);
  }

  /** A string-array attribute such as layer_names or weight_names (empty when absent). */
  static String[] strings(Node node, String name) {
    Attribute a = node.getAttribute(name);
    if (a == null) {
      return new String[0];
    }
    Object v = a.getData();
    if (v == null) {
      return new String[0];
    }
    if (!v.getClass().isArray()) {
      return new String[] {String.valueOf(v)};
    }
    String[] s = new String[Array.getLength(v)];
    for (int i = 0; i < s.length; i++) {
      s[i] = String.valueOf(Array.get(v, i));
    }
    return s;
  }

  /** The node at {@code path} under {@code g}, or null when there is none. */
  static Node find(Group g, String path) {
    try {
      return g.getByPath(path);
    } catch (HdfInvalidPathException e) {
      return null;
    }
  }

  /** A float or double dataset as a {@link KerasWeight}. */
  static KerasWeight weight(Dataset d, String name) {
    Object flat = d.isScalar() ? d.getData() : d.getDataFlat();
    double[] values;
    if (flat instanceof float[] f) {
      values = new double[f.length];
      for (int i = 0; i < f.length; i++) {
        values[i] = f[i];
      }
    } else if (flat instanceof double[] dd) {
      values = dd.clone();
    } else {
      throw new InvalidInputException(
          "weight "
              + name
              + " holds "
              + d.getJavaType()
              + " values; Keras weights are float32 or float64");
    }
    return new KerasWeight(name, d.getDimensions(), values);
  }
}
