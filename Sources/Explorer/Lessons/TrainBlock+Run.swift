import CNN

extension TrainBlockSettings {
    /// The run this block trains: its model, dataset, epochs and limit, every other setting at
    /// `RunConfiguration`'s defaults (the same run `commandLine` starts in a terminal).
    public var runConfiguration: RunConfiguration {
        RunConfiguration(model: model, dataset: DatasetName(rawValue: dataset) ?? RunConfiguration.Defaults.dataset,
                         epochs: epochs, optimizer: OptimizerKind(rawValue: optimizer) ?? RunConfiguration.Defaults.optimizer,
                         limit: limit)
    }
}
