namespace MiniDL.Data;

/// <summary>A data set cut into three disjoint parts (see <see cref="Splits.TrainValidationTest"/>).</summary>
/// <param name="Train">The part the model is fitted on.</param>
/// <param name="Validation">The part monitored during training (early stopping, choosing hyper-parameters).</param>
/// <param name="Test">The part evaluated once, at the end.</param>
public sealed record DataSplit(Dataset Train, Dataset Validation, Dataset Test);
