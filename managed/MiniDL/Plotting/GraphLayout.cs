namespace MiniDL.Plotting;

/// <summary>
/// A layered ("Sugiyama") drawing of a directed acyclic graph, left to right: inputs in the first column, each other
/// node one column right of its furthest input (longest-path layering); an edge that skips columns passes through
/// invisible bend points, one per skipped column; the order within each column is improved by barycenter sweeps
/// (each node moves to the mean position of its neighbours in the previous column), keeping the order with the fewest
/// crossings; vertical positions then pull each node towards its neighbours without overlapping.
/// </summary>
internal sealed class GraphLayout
{
    private const double ColumnGap = 60;
    private const double RowGap = 22;
    private const double BendHeight = 10;
    private const int OrderingSweeps = 24;
    private const int PlacementSweeps = 8;

    private readonly int _realCount;
    private readonly List<double> _height = [];
    private readonly List<double> _width = [];
    private readonly List<int> _layerOf = [];
    private readonly List<List<int>> _predecessors = [];
    private readonly List<List<int>> _successors = [];
    private readonly List<double> _initialKey = [];
    private List<List<int>> _layers = [];
    private double[] _y = [];

    private GraphLayout(int realCount) => _realCount = realCount;

    /// <summary>The column of each node.</summary>
    public IReadOnlyList<int> Layer => _layerOf.Take(_realCount).ToList();

    /// <summary>The nodes of each column, top to bottom (real nodes only).</summary>
    public IReadOnlyList<IReadOnlyList<int>> Columns => _layers.Select(l => (IReadOnlyList<int>)l.Where(v => v < _realCount).ToList()).ToList();

    /// <summary>The top-left corner and size of each node's box.</summary>
    public IReadOnlyList<(double X, double Y, double Width, double Height)> Boxes { get; private set; } = [];

    /// <summary>
    /// Each edge's route, in the order given: from the right side of the source box to the left side of the target box.
    /// Consecutive points at the same height are a straight run inside a column; the others cross a gap between columns.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<(double X, double Y)>> Routes { get; private set; } = [];

    /// <summary>The width and height of the drawing (the boxes start at 0, 0).</summary>
    public (double Width, double Height) Size { get; private set; }

    /// <summary>Edge crossings between adjacent columns after ordering (bend points included).</summary>
    public int Crossings { get; private set; }

    /// <summary>Lays out nodes of the given sizes joined by <paramref name="edges"/> (from → to, no cycles).</summary>
    /// <param name="sizes">Each node's box.</param>
    /// <param name="edges">The edges; a source must come before its target in a topological order.</param>
    /// <param name="inputsInFirstColumn">
    /// True: every input (a node without inputs) in column 0, as lecture 7's slides draw them. False: each input just left
    /// of its first use (a deep model's parameters beside their layer instead of long edges from column 0).
    /// </param>
    public static GraphLayout Compute(IReadOnlyList<(double Width, double Height)> sizes, IReadOnlyList<(int From, int To)> edges, bool inputsInFirstColumn = true)
    {
        var layout = new GraphLayout(sizes.Count);
        layout.AssignLayers(sizes, edges, inputsInFirstColumn);
        var chains = layout.InsertBendPoints(edges);
        layout.Order();
        layout.Place();
        layout.Route(edges, chains);
        return layout;
    }

    private int AddVertex(int layer, double width, double height, double initialKey)
    {
        _initialKey.Add(initialKey);
        _layerOf.Add(layer);
        _width.Add(width);
        _height.Add(height);
        _predecessors.Add([]);
        _successors.Add([]);
        return _layerOf.Count - 1;
    }

    // Longest path from the inputs: a node sits one column right of its furthest input, inputs in column 0.
    private void AssignLayers(IReadOnlyList<(double Width, double Height)> sizes, IReadOnlyList<(int From, int To)> edges, bool inputsInFirstColumn)
    {
        var layer = new int[sizes.Count];
        var inputs = edges.ToLookup(e => e.To, e => e.From);
        for (int v = 0; v < sizes.Count; v++) // the nodes come in topological order
        {
            layer[v] = inputs[v].Select(u => layer[u] + 1).DefaultIfEmpty(0).Max();
        }

        if (!inputsInFirstColumn)
        {
            var uses = edges.ToLookup(e => e.From, e => e.To);
            for (int v = 0; v < sizes.Count; v++)
            {
                if (!inputs[v].Any() && uses[v].Any())
                {
                    layer[v] = uses[v].Min(w => layer[w]) - 1;
                }
            }
        }

        var rank = InitialRanks(sizes.Count, inputs, layer);
        for (int v = 0; v < sizes.Count; v++)
        {
            AddVertex(layer[v], sizes[v].Width, sizes[v].Height, rank[v]);
        }
    }

    /// <summary>
    /// The starting top-to-bottom order: a depth-first walk back from the outputs that visits a node's deepest input
    /// first (the main chain above, side inputs such as a bias or lecture 7's w2 below it, as the slides draw them).
    /// </summary>
    private static int[] InitialRanks(int count, ILookup<int, int> inputs, int[] layer)
    {
        var rank = new int[count];
        var done = new bool[count];
        var hasSuccessor = new bool[count];
        foreach (var group in inputs)
        {
            foreach (var u in group)
            {
                hasSuccessor[u] = true;
            }
        }

        int next = 0;
        var stack = new Stack<(int Node, int[] Inputs, int Next)>();
        for (int sink = 0; sink < count; sink++)
        {
            if (hasSuccessor[sink] || done[sink])
            {
                continue;
            }

            done[sink] = true;
            stack.Push((sink, [.. inputs[sink].OrderByDescending(u => layer[u])], 0));
            while (stack.Count > 0)
            {
                var (v, ordered, k) = stack.Pop();
                if (k < ordered.Length)
                {
                    stack.Push((v, ordered, k + 1));
                    int u = ordered[k];
                    if (!done[u])
                    {
                        done[u] = true;
                        stack.Push((u, [.. inputs[u].OrderByDescending(w => layer[w])], 0));
                    }
                }
                else
                {
                    rank[v] = next++;
                }
            }
        }

        return rank;
    }

    // Splits every edge that skips columns into unit steps through bend points; returns each edge's vertex chain.
    private List<List<int>> InsertBendPoints(IReadOnlyList<(int From, int To)> edges)
    {
        var chains = new List<List<int>>(edges.Count);
        foreach (var (from, to) in edges)
        {
            var chain = new List<int> { from };
            for (int l = _layerOf[from] + 1; l < _layerOf[to]; l++)
            {
                chain.Add(AddVertex(l, 0, BendHeight, _initialKey[from] + 0.5)); // starts beside its source
            }

            chain.Add(to);
            for (int k = 0; k + 1 < chain.Count; k++)
            {
                _successors[chain[k]].Add(chain[k + 1]);
                _predecessors[chain[k + 1]].Add(chain[k]);
            }

            chains.Add(chain);
        }

        return chains;
    }

    // Barycenter ordering: sweep right (order by the mean position of the predecessors), then left (successors).
    private void Order()
    {
        int layerCount = _layerOf.Max() + 1;
        _layers = [.. Enumerable.Range(0, layerCount).Select(_ => new List<int>())];
        foreach (var v in Enumerable.Range(0, _layerOf.Count).OrderBy(v => _initialKey[v]))
        {
            _layers[_layerOf[v]].Add(v);
        }

        var best = _layers.Select(l => l.ToList()).ToList();
        int bestCrossings = CountCrossings();
        for (int sweep = 0; sweep < OrderingSweeps && bestCrossings > 0; sweep++)
        {
            bool rightward = sweep % 2 == 0;
            var position = Positions();
            for (int k = 1; k < layerCount; k++)
            {
                int l = rightward ? k : layerCount - 1 - k;
                var neighbours = rightward ? _predecessors : _successors;
                var layer = _layers[l];
                var key = layer.ToDictionary(v => v, v => neighbours[v].Count == 0 ? position[v] : neighbours[v].Average(u => (double)position[u]));
                _layers[l] = [.. layer.OrderBy(v => key[v]).ThenBy(v => position[v])];
                for (int i = 0; i < _layers[l].Count; i++)
                {
                    position[_layers[l][i]] = i;
                }
            }

            int crossings = CountCrossings();
            if (crossings < bestCrossings)
            {
                bestCrossings = crossings;
                best = _layers.Select(l => l.ToList()).ToList();
            }
        }

        _layers = best;
        Crossings = bestCrossings;
    }

    private int[] Positions()
    {
        var position = new int[_layerOf.Count];
        foreach (var layer in _layers)
        {
            for (int i = 0; i < layer.Count; i++)
            {
                position[layer[i]] = i;
            }
        }

        return position;
    }

    private int CountCrossings()
    {
        var position = Positions();
        int crossings = 0;
        foreach (var layer in _layers)
        {
            var segments = layer.SelectMany(u => _successors[u].Select(v => (position[u], position[v]))).ToList();
            for (int i = 0; i < segments.Count; i++)
            {
                for (int j = i + 1; j < segments.Count; j++)
                {
                    if ((segments[i].Item1 - segments[j].Item1) * (segments[i].Item2 - segments[j].Item2) < 0)
                    {
                        crossings++;
                    }
                }
            }
        }

        return crossings;
    }

    // Vertical placement: start stacked, then sweep right and left moving each column's nodes as close as they can
    // to the mean height of their neighbours while keeping the order and a gap between boxes.
    private void Place()
    {
        _y = new double[_layerOf.Count];
        foreach (var layer in _layers)
        {
            Fit(layer, [.. layer.Select(_ => 0.0)]);
        }

        for (int sweep = 0; sweep < PlacementSweeps; sweep++)
        {
            bool rightward = sweep % 2 == 0;
            var neighbours = rightward ? _predecessors : _successors;
            for (int k = 1; k < _layers.Count; k++)
            {
                var layer = _layers[rightward ? k : _layers.Count - 1 - k];
                Fit(layer, [.. layer.Select(v => neighbours[v].Count == 0 ? _y[v] : neighbours[v].Average(u => _y[u]))]);
            }
        }
    }

    /// <summary>
    /// Sets the centres of <paramref name="layer"/>'s vertices as close as possible (least squares) to
    /// <paramref name="wanted"/> with each box at least <see cref="RowGap"/> below the previous one: with
    /// <c>zᵢ = yᵢ − offsetᵢ</c> (offset = the stacked height above) the constraint is <c>z</c> non-decreasing, solved by
    /// pooling adjacent violators.
    /// </summary>
    private void Fit(List<int> layer, double[] wanted)
    {
        int n = layer.Count;
        var offset = new double[n];
        for (int i = 1; i < n; i++)
        {
            offset[i] = offset[i - 1] + (_height[layer[i - 1]] + _height[layer[i]]) / 2 + Gap(layer[i - 1], layer[i]);
        }

        var blocks = new List<(double Sum, int Count)>();
        for (int i = 0; i < n; i++)
        {
            blocks.Add((wanted[i] - offset[i], 1));
            while (blocks.Count > 1 && blocks[^2].Sum / blocks[^2].Count > blocks[^1].Sum / blocks[^1].Count)
            {
                var merged = (blocks[^2].Sum + blocks[^1].Sum, blocks[^2].Count + blocks[^1].Count);
                blocks.RemoveAt(blocks.Count - 1);
                blocks[^1] = merged;
            }
        }

        int index = 0;
        foreach (var (sum, count) in blocks)
        {
            for (int k = 0; k < count; k++, index++)
            {
                _y[layer[index]] = sum / count + offset[index];
            }
        }
    }

    // Bend points pack closer together than boxes.
    private double Gap(int upper, int lower) => upper >= _realCount && lower >= _realCount ? 4 : upper >= _realCount || lower >= _realCount ? RowGap / 2 : RowGap;

    private void Route(IReadOnlyList<(int From, int To)> edges, List<List<int>> chains)
    {
        // Columns left to right, each as wide as its widest box; the y origin at the highest box's top.
        var columnWidth = _layers.Select(l => l.Select(v => _width[v]).DefaultIfEmpty(0).Max()).ToArray();
        var columnX = new double[_layers.Count];
        for (int l = 1; l < _layers.Count; l++)
        {
            // A gap wide enough for its steepest edge not to look like a wall: at least ColumnGap, up to three times it.
            double rise = _layers[l - 1].SelectMany(u => _successors[u].Select(v => Math.Abs(_y[v] - _y[u]))).DefaultIfEmpty(0).Max();
            columnX[l] = columnX[l - 1] + columnWidth[l - 1] + Math.Clamp(0.4 * rise, ColumnGap, 3 * ColumnGap);
        }

        double top = Enumerable.Range(0, _y.Length).Min(v => _y[v] - _height[v] / 2);
        double bottom = Enumerable.Range(0, _y.Length).Max(v => _y[v] + _height[v] / 2);
        var x = new double[_layerOf.Count];
        for (int v = 0; v < x.Length; v++)
        {
            _y[v] -= top;
            x[v] = columnX[_layerOf[v]] + (columnWidth[_layerOf[v]] - _width[v]) / 2; // left side; a bend point is a column's centre
        }

        Boxes = [.. Enumerable.Range(0, _realCount).Select(v => (x[v], _y[v] - _height[v] / 2, _width[v], _height[v]))];
        Size = (columnX[^1] + columnWidth[^1], bottom - top);

        // Ports: a node's incoming edges meet its left side, spread top to bottom in the order of where they come
        // from (so they do not cross at the box); outgoing edges leave its right side the same way.
        var entry = new Dictionary<(int Edge, int Vertex), double>();
        var exit = new Dictionary<(int Edge, int Vertex), double>();
        for (int v = 0; v < _realCount; v++)
        {
            var incoming = Enumerable.Range(0, chains.Count).Where(e => edges[e].To == v).OrderBy(e => _y[chains[e][^2]]).ThenBy(e => e).ToList();
            var outgoing = Enumerable.Range(0, chains.Count).Where(e => edges[e].From == v).OrderBy(e => _y[chains[e][1]]).ThenBy(e => e).ToList();
            for (int k = 0; k < incoming.Count; k++)
            {
                entry[(incoming[k], v)] = Spread(v, k, incoming.Count);
            }

            for (int k = 0; k < outgoing.Count; k++)
            {
                exit[(outgoing[k], v)] = Spread(v, k, outgoing.Count);
            }
        }

        // Inside a column an edge runs straight (from its box to the column's edge, or across at a bend point's
        // height, where the ordering left room); it only changes height in the gaps between columns, where no box is.
        var routes = new List<IReadOnlyList<(double, double)>>(chains.Count);
        for (int e = 0; e < chains.Count; e++)
        {
            var chain = chains[e];
            int source = chain[0], target = chain[^1];
            double exitY = exit[(e, source)], entryY = entry[(e, target)];
            var points = new List<(double X, double Y)> { (x[source] + _width[source], exitY) };
            Add(points, (columnX[_layerOf[source]] + columnWidth[_layerOf[source]], exitY));
            foreach (var bend in chain.Skip(1).SkipLast(1))
            {
                int l = _layerOf[bend];
                Add(points, (columnX[l], _y[bend]));
                Add(points, (columnX[l] + columnWidth[l], _y[bend]));
            }

            Add(points, (columnX[_layerOf[target]], entryY));
            Add(points, (x[target], entryY));
            routes.Add(points);
        }

        Routes = routes;
    }

    private static void Add(List<(double X, double Y)> points, (double X, double Y) point)
    {
        if (points[^1] != point)
        {
            points.Add(point);
        }
    }

    // The k-th of n ports on a box's side, spread evenly over the middle 80 % of its height.
    private double Spread(int v, int k, int n) => _y[v] + _height[v] * 0.8 * ((k + 1.0) / (n + 1) - 0.5);
}
