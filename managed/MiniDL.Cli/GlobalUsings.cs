// What nearly every command and example uses: the data sets, the models, the trainer and its optimizers, the backends,
// the CLI's run settings, and invariant number formatting.
global using System.Globalization;
global using MiniDL.Backends;
global using MiniDL.Cli.Training;
global using MiniDL.Data;
global using MiniDL.Layers;
global using MiniDL.Optimizers;
global using MiniDL.Training;
