// Shape explorer for the static site: the rules of lstm_course.shapes, in plain JavaScript.
// Tested against lstm_course.shapes by tests/test_site_explorer.py. Mount: any element with
// the attribute data-lstm-shape-explorer; API: window.shapeExplorer.set({...}) / .result().
(function () {
  "use strict";
  const DEFAULTS = {seq_len: 5, batch: 2, input_size: 10, hidden_size: 6, num_layers: 2,
    proj_size: 0, bidirectional: false, batch_first: false, unbatched: false};
  const RANGES = {seq_len: [1, 20], batch: [1, 16], input_size: [1, 32], hidden_size: [1, 32],
    num_layers: [1, 4], proj_size: [0, 31]};
  const CHECKS = ["bidirectional", "batch_first", "unbatched"];
  const TENSORS = ["input", "h_0", "c_0", "output", "h_n", "c_n"];

  function requireInt(name, value, minimum) {
    if (value < minimum) {
      throw new Error(name + " must be at least " + minimum + ", got " + value + ".");
    }
  }

  function compute(v) {
    requireInt("input_size", v.input_size, 1);
    requireInt("hidden_size", v.hidden_size, 1);
    requireInt("num_layers", v.num_layers, 1);
    requireInt("proj_size", v.proj_size, 0);
    if (v.proj_size >= v.hidden_size) {
      throw new Error("proj_size must be smaller than hidden_size, got proj_size=" +
        v.proj_size + " and hidden_size=" + v.hidden_size + ". Use proj_size=0 (no projection)" +
        " or a value below " + v.hidden_size + ".");
    }
    requireInt("seq_len", v.seq_len, 1);
    const batch = v.unbatched ? null : v.batch;
    if (batch !== null) requireInt("batch", batch, 0);
    const D = v.bidirectional ? 2 : 1;
    const hOut = v.proj_size > 0 ? v.proj_size : v.hidden_size;
    const states = D * v.num_layers;
    const seq = function (f) {
      if (batch === null) return [v.seq_len, f];
      return v.batch_first ? [batch, v.seq_len, f] : [v.seq_len, batch, f];
    };
    const state = function (s) { return batch === null ? [states, s] : [states, batch, s]; };
    const shapes = {input: seq(v.input_size), h_0: state(hOut), c_0: state(v.hidden_size),
      output: seq(D * hOut), h_n: state(hOut), c_n: state(v.hidden_size)};
    const gates = 4 * v.hidden_size;
    const params = [];
    let count = 0;
    for (let layer = 0; layer < v.num_layers; layer++) {
      const inK = layer === 0 ? v.input_size : D * hOut;
      ["", "_reverse"].slice(0, D).forEach(function (suffix) {
        const tag = "_l" + layer + suffix;
        params.push(["weight_ih" + tag, [gates, inK]], ["weight_hh" + tag, [gates, hOut]]);
        if (v.bias !== false) params.push(["bias_ih" + tag, [gates]], ["bias_hh" + tag, [gates]]);
        if (v.proj_size > 0) params.push(["weight_hr" + tag, [v.proj_size, v.hidden_size]]);
      });
    }
    params.forEach(function (p) { count += p[1].reduce(function (a, b) { return a * b; }, 1); });
    const bt = batch !== null ? ["batch"] : [];
    const seqNames = function (f) {
      return (batch !== null && v.batch_first) ? ["batch", "seq_len", f] : ["seq_len"].concat(bt, [f]);
    };
    const hN = ["D*num_layers"].concat(bt, ["H_out"]), cN = ["D*num_layers"].concat(bt, ["hidden_size"]);
    const names = {input: seqNames("input_size"), h_0: hN, c_0: cN, output: seqNames("D*H_out"),
      h_n: hN, c_n: cN};
    const named = {};
    TENSORS.forEach(function (t) {
      named[t] = "(" + names[t].map(function (n, i) { return n + "=" + shapes[t][i]; }).join(", ") + ")";
    });
    return {shapes: shapes, named: named, parameters: params, parameter_count: count};
  }

  function tuple(s) { return "(" + s.join(", ") + (s.length === 1 ? ",)" : ")"); }

  function Explorer(root) {
    this.values = Object.assign({}, DEFAULTS);
    this.root = root;
    this.inputs = {};
    const form = document.createElement("fieldset");
    const legend = document.createElement("legend");
    legend.textContent = "nn.LSTM settings and input";
    form.appendChild(legend);
    const self = this;
    Object.keys(DEFAULTS).forEach(function (name) {
      const id = "lstm-se-" + name + "-" + Math.random().toString(36).slice(2, 8);
      const label = document.createElement("label");
      label.htmlFor = id;
      label.textContent = name;
      const input = document.createElement("input");
      input.id = id;
      input.name = name;
      if (CHECKS.indexOf(name) >= 0) {
        input.type = "checkbox";
      } else {
        input.type = "range";
        input.min = RANGES[name][0];
        input.max = RANGES[name][1];
        input.step = 1;
      }
      const out = document.createElement("output");
      out.htmlFor = id;
      input.addEventListener("input", function () { self.readControls(); });
      input.addEventListener("change", function () { self.readControls(); });
      const row = document.createElement("div");
      row.append(label, input, out);
      form.appendChild(row);
      self.inputs[name] = [input, out];
    });
    this.view = document.createElement("div");
    this.view.setAttribute("aria-live", "polite");
    this.view.className = "lstm-shape-explorer-result";
    root.classList.add("lstm-shape-explorer");
    root.append(form, this.view);
    this.render();
  }
  Explorer.prototype.readControls = function () {
    const v = {};
    const self = this;
    Object.keys(this.inputs).forEach(function (n) {
      const input = self.inputs[n][0];
      v[n] = input.type === "checkbox" ? input.checked : parseInt(input.value, 10);
    });
    this.values = v;
    this.render();
  };
  Explorer.prototype.set = function (values) {
    this.values = Object.assign({}, this.values, values);
    this.render();
    return this.result();
  };
  Explorer.prototype.result = function () {
    try {
      return Object.assign({valid: true, problem: null}, compute(this.values));
    } catch (err) {
      return {valid: false, problem: err.message, shapes: null};
    }
  };
  Explorer.prototype.render = function () {
    const self = this;
    Object.keys(this.inputs).forEach(function (n) {
      const input = self.inputs[n][0], out = self.inputs[n][1];
      if (input.type === "checkbox") input.checked = !!self.values[n];
      else { input.value = self.values[n]; out.textContent = String(self.values[n]); }
    });
    this.inputs.batch[0].disabled = !!this.values.unbatched;
    const r = this.result();
    this.view.textContent = "";
    if (!r.valid) {
      const p = document.createElement("p");
      p.setAttribute("data-problem", "");
      const b = document.createElement("b");
      b.textContent = "This combination is invalid.";
      p.append(b, " " + r.problem);
      this.view.appendChild(p);
      return;
    }
    const table = document.createElement("table");
    TENSORS.forEach(function (t) {
      const tr = table.insertRow();
      tr.setAttribute("data-tensor", t);
      tr.insertCell().innerHTML = "<code></code>";
      tr.cells[0].firstChild.textContent = t;
      tr.insertCell().innerHTML = "<code></code>";
      tr.cells[1].firstChild.textContent = r.named[t];
    });
    const p = document.createElement("p");
    p.setAttribute("data-parameter-count", String(r.parameter_count));
    p.textContent = "Parameters: " + r.parameter_count;
    const list = document.createElement("table");
    r.parameters.forEach(function (pair) {
      const tr = list.insertRow();
      tr.setAttribute("data-parameter", pair[0]);
      tr.insertCell().textContent = pair[0];
      tr.insertCell().textContent = tuple(pair[1]);
    });
    this.view.append(table, p, list);
  };

  window.lstmShapeRules = {compute: compute, DEFAULTS: DEFAULTS, RANGES: RANGES};
  function mount() {
    document.querySelectorAll("[data-lstm-shape-explorer]").forEach(function (el, i) {
      const ex = new Explorer(el);
      if (i === 0) window.shapeExplorer = ex;
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mount);
  else mount();
})();
