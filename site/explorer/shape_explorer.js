// The course's shape explorer for a static page: lstm_course.widgets.ShapeExplorer, computed
// in plain JavaScript (no kernel, no library, no network). The rules are those of
// lstm_course.shapes; tests/test_site_explorer.py drives this file in Chromium over a grid of
// settings and compares every shape, parameter and message with the Python package.
//
// Mount: any element with the attribute data-lstm-shape-explorer, e.g. a raw HTML block
// <div data-lstm-shape-explorer></div> in a page that loads this script (it brings its own
// small style and inherits the page's colours, light or dark). API:
// window.lstmShapes.explore(settings) returns the shapes, or the message for an invalid
// combination; window.lstmShapeExplorer is the first explorer on the page, and its
// set(settings) moves its controls.
(function () {
  "use strict";
  const DEFAULTS = {seq_len: 5, batch: 2, input_size: 10, hidden_size: 6, num_layers: 2,
    proj_size: 0, bidirectional: false, batch_first: false, unbatched: false};
  const RANGES = {seq_len: [1, 20], batch: [1, 16], input_size: [1, 32], hidden_size: [1, 32],
    num_layers: [1, 4], proj_size: [0, 31]};
  const CHECKBOXES = ["bidirectional", "batch_first", "unbatched"];
  const TENSORS = ["input", "h_0", "c_0", "output", "h_n", "c_n"];
  const PARAMETER_KINDS = ["weight_ih", "weight_hh", "bias_ih", "bias_hh", "weight_hr"];
  const STYLE = [
    ".lstm-shape-explorer{display:flex;flex-wrap:wrap;gap:1em;align-items:flex-start}",
    ".lstm-shape-explorer fieldset{flex:0 1 auto;min-width:0;max-width:100%;margin:0;" +
      "box-sizing:border-box;border:1px solid;border-radius:4px}",
    ".lstm-shape-explorer legend{padding:0 .3em}",
    ".lstm-shape-explorer fieldset div{display:grid;" +
      "grid-template-columns:minmax(6em,9em) minmax(6em,10em) 2.5em;" +
      "align-items:center;gap:.5em;margin:.2em 0}",
    ".lstm-shape-explorer input[type=checkbox]{justify-self:start}",
    ".lstm-shape-explorer-result{flex:1 1 320px;min-width:0}",
    ".lstm-shape-explorer-scroll{overflow-x:auto;margin:.5em 0}",
    ".lstm-shape-explorer-result table{border-collapse:collapse}",
    ".lstm-shape-explorer-result td,.lstm-shape-explorer-result th" +
      "{border:1px solid;padding:.15em .5em;text-align:left}",
    ".lstm-shape-explorer :focus-visible{outline:2px solid;outline-offset:2px}",
  ].join("\n");

  class ShapeError extends Error {
    constructor(kind, message) { super(message); this.kind = kind; }
  }

  // How Python's repr writes a value, as lstm_course._checks.describe says what was passed.
  function describe(value) {
    let text;
    if (value === null || value === undefined) return "None";
    if (typeof value === "boolean") text = ["bool", value ? "True" : "False"];
    else if (typeof value === "number") {
      const number = Number.isNaN(value) ? "nan" : !Number.isFinite(value)
        ? (value > 0 ? "inf" : "-inf") : String(value);
      text = [Number.isInteger(value) ? "int" : "float", number];
    } else if (typeof value === "string") text = ["str", "'" + value + "'"];
    else text = [typeof value, String(value)];
    const shown = text[1].length > 60 ? text[1].slice(0, 57) + "..." : text[1];
    return text[0] + " " + shown;
  }

  // lstm_course._checks.require_int: an int (not a bool) of at least minimum.
  function requireInt(name, value, minimum) {
    if (typeof value !== "number" || !Number.isInteger(value)) {
      throw new ShapeError("TypeError", name + " must be an int, got " + describe(value) +
        ". Pass a whole number such as " + Math.max(minimum, 1) + ".");
    }
    if (value < minimum) {
      throw new ShapeError("ValueError", name + " must be at least " + minimum + ", got " +
        value + ".");
    }
  }

  // lstm_course.shapes.lstm_config: the checked module settings (bias is always on, as in
  // ShapeExplorer), with D and H_out.
  function lstmConfig(v) {
    requireInt("input_size", v.input_size, 1);
    requireInt("hidden_size", v.hidden_size, 1);
    requireInt("num_layers", v.num_layers, 1);
    requireInt("proj_size", v.proj_size, 0);
    if (v.proj_size >= v.hidden_size) {
      throw new ShapeError("ValueError", "proj_size must be smaller than hidden_size, got " +
        "proj_size=" + v.proj_size + " and hidden_size=" + v.hidden_size + ". Use proj_size=0 " +
        "(no projection) or a value below " + v.hidden_size + ".");
    }
    return {input_size: v.input_size, hidden_size: v.hidden_size, num_layers: v.num_layers,
      proj_size: v.proj_size, batch_first: !!v.batch_first, bidirectional: !!v.bidirectional,
      D: v.bidirectional ? 2 : 1, hOut: v.proj_size > 0 ? v.proj_size : v.hidden_size};
  }

  // lstm_course.shapes.lstm_shapes; batch === null is an unbatched call.
  function lstmShapes(c, seqLen, batch) {
    requireInt("seq_len", seqLen, 1);
    if (batch !== null) requireInt("batch", batch, 0);
    const states = c.D * c.num_layers;
    const sequence = function (features) {
      if (batch === null) return [seqLen, features];
      return c.batch_first ? [batch, seqLen, features] : [seqLen, batch, features];
    };
    const state = function (size) {
      return batch === null ? [states, size] : [states, batch, size];
    };
    return {input: sequence(c.input_size), h_0: state(c.hOut), c_0: state(c.hidden_size),
      output: sequence(c.D * c.hOut), h_n: state(c.hOut), c_n: state(c.hidden_size)};
  }

  // lstm_course.shapes.axis_names.
  function axisNames(c, batched) {
    const batch = batched ? ["batch"] : [];
    const sequence = function (features) {
      return batched && c.batch_first ? ["batch", "seq_len", features]
        : ["seq_len"].concat(batch, [features]);
    };
    const h = ["D*num_layers"].concat(batch, ["H_out"]);
    const cell = ["D*num_layers"].concat(batch, ["hidden_size"]);
    return {input: sequence("input_size"), h_0: h, c_0: cell, output: sequence("D*H_out"),
      h_n: h, c_n: cell};
  }

  // lstm_course.shapes.parameter_shapes: [name, shape] pairs in named_parameters() order.
  function parameterShapes(c) {
    const gates = 4 * c.hidden_size;
    const shapes = [];
    for (let layer = 0; layer < c.num_layers; layer++) {
      const layerInput = layer === 0 ? c.input_size : c.D * c.hOut;
      ["", "_reverse"].slice(0, c.D).forEach(function (suffix) {
        const tag = "_l" + layer + suffix;
        shapes.push(["weight_ih" + tag, [gates, layerInput]], ["weight_hh" + tag, [gates, c.hOut]],
          ["bias_ih" + tag, [gates]], ["bias_hh" + tag, [gates]]);
        if (c.proj_size > 0) shapes.push(["weight_hr" + tag, [c.proj_size, c.hidden_size]]);
      });
    }
    return shapes;
  }

  // lstm_course.shapes.parameter_count: the closed formula.
  function parameterCount(c) {
    let total = 0;
    for (let layer = 0; layer < c.num_layers; layer++) {
      const layerInput = layer === 0 ? c.input_size : c.D * c.hOut;
      let perDirection = 4 * c.hidden_size * (layerInput + c.hOut) + 2 * 4 * c.hidden_size;
      if (c.proj_size > 0) perDirection += c.hOut * c.hidden_size;
      total += c.D * perDirection;
    }
    return total;
  }

  // lstm_course.shapes.module_expression, e.g. nn.LSTM(10, 6, num_layers=2).
  function moduleExpression(c) {
    const options = c.num_layers !== 1 ? ["num_layers=" + c.num_layers] : [];
    ["batch_first", "bidirectional"].forEach(function (name) {
      if (c[name]) options.push(name + "=True");
    });
    if (c.proj_size) options.push("proj_size=" + c.proj_size);
    return "nn.LSTM(" + [String(c.input_size), String(c.hidden_size)].concat(options)
      .join(", ") + ")";
  }

  function callText(seqLen, batch) {
    if (batch === null) return "one unbatched sequence of " + seqLen + " steps";
    return "a batch of " + batch + " sequences of " + seqLen + " steps";
  }

  function pythonTuple(shape) {
    return "(" + shape.join(", ") + (shape.length === 1 ? ",)" : ")");
  }

  // Everything ShapeExplorer shows for these settings (missing ones take DEFAULTS), or
  // {valid: false, error, problem} with the package's message.
  function explore(settings) {
    const unknown = Object.keys(settings).filter(function (k) { return !(k in DEFAULTS); });
    if (unknown.length) {
      return {valid: false, error: "TypeError", problem: "unknown setting(s) " +
        unknown.sort().join(", ") + "; ShapeExplorer takes " + Object.keys(DEFAULTS)
        .join(", ") + "."};
    }
    const v = Object.assign({}, DEFAULTS, settings);
    const batch = v.unbatched ? null : v.batch;
    let c, shapes;
    try {
      c = lstmConfig(v);
      shapes = lstmShapes(c, v.seq_len, batch);
    } catch (err) {
      if (!(err instanceof ShapeError)) throw err;
      return {valid: false, error: err.kind, problem: err.message};
    }
    const names = axisNames(c, batch !== null);
    const named = {};
    TENSORS.forEach(function (t) {
      named[t] = "(" + names[t].map(function (n, i) { return n + "=" + shapes[t][i]; })
        .join(", ") + ")";
    });
    return {valid: true, module: moduleExpression(c), call: callText(v.seq_len, batch),
      shapes: shapes, named: named, parameters: parameterShapes(c),
      parameter_count: parameterCount(c), num_layers: c.num_layers, D: c.D};
  }

  function element(tag, text, attributes) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = text;
    Object.keys(attributes || {}).forEach(function (k) { node.setAttribute(k, attributes[k]); });
    return node;
  }

  function code(text) { return element("code", text); }

  // A table in a named region that scrolls sideways on a narrow screen, reachable by keyboard.
  function scrolling(table, name) {
    const region = element("div", null, {"class": "lstm-shape-explorer-scroll", role: "region",
      tabindex: "0", "aria-label": name});
    region.appendChild(table);
    return region;
  }

  let explorers = 0;

  class Explorer {
    constructor(root) {
      explorers += 1;
      this.values = Object.assign({}, DEFAULTS);
      this.inputs = {};
      const form = element("fieldset");
      form.appendChild(element("legend", "nn.LSTM settings and its input"));
      Object.keys(DEFAULTS).forEach((name) => {
        const id = "lstm-shape-explorer-" + explorers + "-" + name;
        const input = element("input", null, {id: id, name: name});
        if (CHECKBOXES.indexOf(name) >= 0) input.type = "checkbox";
        else Object.assign(input, {type: "range", min: RANGES[name][0], max: RANGES[name][1],
          step: 1});
        const readout = element("output", null, {for: id, "aria-hidden": "true"});
        input.addEventListener("input", () => this.readControls());
        input.addEventListener("change", () => this.readControls());
        const row = element("div");
        row.append(element("label", name, {for: id}), input, readout);
        form.appendChild(row);
        this.inputs[name] = {input: input, readout: readout};
      });
      this.summary = element("div", null, {"aria-live": "polite"});
      this.view = element("div", null, {"class": "lstm-shape-explorer-result"});
      this.details = element("div");
      this.view.append(this.summary, this.details);
      root.classList.add("lstm-shape-explorer");
      root.append(form, this.view);
      this.render();
    }

    readControls() {
      Object.keys(this.inputs).forEach((name) => {
        const input = this.inputs[name].input;
        this.values[name] = input.type === "checkbox" ? input.checked
          : parseInt(input.value, 10);
      });
      this.render();
    }

    // Move the controls to these settings (as a learner would) and show the result.
    set(values) {
      Object.assign(this.values, values);
      this.render();
      return this.result;
    }

    render() {
      Object.keys(this.inputs).forEach((name) => {
        const control = this.inputs[name];
        if (control.input.type === "checkbox") control.input.checked = !!this.values[name];
        else {
          control.input.value = this.values[name];
          control.readout.textContent = String(this.values[name]);
        }
      });
      this.inputs.batch.input.disabled = !!this.values.unbatched;
      const r = this.result = explore(this.values);
      this.summary.textContent = "";
      this.details.textContent = "";
      if (!r.valid) {
        const p = element("p", null, {"data-problem": r.error});
        p.append(element("b", "This combination is invalid."), " " + r.problem);
        this.summary.appendChild(p);
        return;
      }
      const p = element("p");
      p.append(code(r.module), ", " + r.call);
      this.summary.appendChild(p);
      const shapes = element("table");
      TENSORS.forEach(function (t) {
        const row = shapes.insertRow();
        row.setAttribute("data-tensor", t);
        row.append(element("th", null, {scope: "row"}));
        row.cells[0].appendChild(code(t));
        row.insertCell().appendChild(code(r.named[t]));
      });
      this.details.append(scrolling(shapes, "Tensor shapes"), this.parametersView(r));
    }

    // The parameter table of ShapeExplorer: one column per kind, one row per layer/direction.
    parametersView(r) {
      const fragment = document.createDocumentFragment();
      const byName = new Map(r.parameters);
      const kinds = PARAMETER_KINDS.filter(function (k) { return byName.has(k + "_l0"); });
      const example = kinds[0] + "_l0" + (r.D === 2 ? "_reverse" : "");
      const p = element("p", null, {"data-parameter-count": String(r.parameter_count)});
      p.append(element("b", "Parameters: " + r.parameter_count), ". Each name is its column " +
        "followed by its row, e.g. ", code(example), ".");
      const table = element("table");
      const head = table.insertRow();
      head.insertCell();
      kinds.forEach(function (k) {
        head.appendChild(element("th", null, {scope: "col"})).appendChild(code(k));
      });
      for (let layer = 0; layer < r.num_layers; layer++) {
        ["", "_reverse"].slice(0, r.D).forEach(function (suffix) {
          const tag = "_l" + layer + suffix;
          const row = table.insertRow();
          row.appendChild(element("th", null, {scope: "row"})).appendChild(code(tag));
          kinds.forEach(function (k) {
            const cell = row.insertCell();
            cell.setAttribute("data-parameter", k + tag);
            cell.appendChild(code(pythonTuple(byName.get(k + tag))));
          });
        });
      }
      fragment.append(p, scrolling(table, "Parameter shapes"));
      return fragment;
    }
  }

  function mount() {
    if (!document.getElementById("lstm-shape-explorer-style")) {
      document.head.appendChild(element("style", STYLE, {id: "lstm-shape-explorer-style"}));
    }
    document.querySelectorAll("[data-lstm-shape-explorer]").forEach(function (root) {
      if (root.classList.contains("lstm-shape-explorer")) return;
      const explorer = new Explorer(root);
      if (!window.lstmShapeExplorer) window.lstmShapeExplorer = explorer;
    });
  }

  window.lstmShapes = {explore: explore, DEFAULTS: DEFAULTS, RANGES: RANGES,
    TENSORS: TENSORS};
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mount);
  else mount();
})();
