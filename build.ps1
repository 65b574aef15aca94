#!/usr/bin/env pwsh
# MiniDL's build script for Windows (mirrors build.sh).
#   ./build.ps1          build everything and run the main job
#   ./build.ps1 test     build everything and run every test
#   ./build.ps1 bench    run the benchmarks
#   ./build.ps1 native   build only the native library
param([string]$Command = "all", [Parameter(ValueFromRemainingArguments = $true)][string[]]$Rest)
$ErrorActionPreference = "Stop"
Set-Location $PSScriptRoot
$Root = $PSScriptRoot
$BuildDir = if ($env:MINIDL_BUILD_DIR) { $env:MINIDL_BUILD_DIR } else { Join-Path $Root "build" }
$Artifacts = Join-Path $Root "artifacts"
$Config = if ($env:CONFIG) { $env:CONFIG } else { "Release" }
$env:DOTNET_CLI_TELEMETRY_OPTOUT = "1"; $env:DOTNET_NOLOGO = "1"

function Invoke-Checked([string]$File, [string[]]$Arguments) {
    & $File @Arguments
    if ($LASTEXITCODE -ne 0) { throw "$File $($Arguments -join ' ') failed with exit code $LASTEXITCODE" }
}

function Test-Setup {
    if (-not (Get-Command dotnet -ErrorAction SilentlyContinue)) { throw "The .NET 10 SDK (dotnet) is required: https://dot.net" }
    if (-not (Get-Command cmake -ErrorAction SilentlyContinue)) { throw "CMake is required (winget install Kitware.CMake) with a C compiler (Visual Studio Build Tools)." }
}

function Build-Native {
    Write-Host "`n== native library (CMake)"
    $cuda = if ($env:MINIDL_CUDA) { $env:MINIDL_CUDA } else { "AUTO" }
    Invoke-Checked cmake @("-S", $Root, "-B", $BuildDir, "-DCMAKE_BUILD_TYPE=Release", "-DMINIDL_CUDA=$cuda")
    Invoke-Checked cmake @("--build", $BuildDir, "--config", "Release", "--parallel")
}

function Build-Managed {
    Write-Host "`n== managed (restore, build, publish the CLI to artifacts/cli)"
    Invoke-Checked dotnet @("restore", "MiniDL.sln", "-v", "q")
    Invoke-Checked dotnet @("build", "MiniDL.sln", "-c", $Config, "--no-restore", "-v", "q", "-nologo")
    Invoke-Checked dotnet @("publish", "managed/MiniDL.Cli", "-c", $Config, "--no-restore", "-o", (Join-Path $Artifacts "cli"), "-v", "q", "-nologo")
    $native = Join-Path $Artifacts "cli/runtimes/win-x64/native"
    New-Item -ItemType Directory -Force -Path $native | Out-Null
    Get-ChildItem -Path $BuildDir -Recurse -Filter "minidl_*.dll" | Copy-Item -Destination $native -Force
}

function Invoke-MainJob {
    $cli = Join-Path $Artifacts "cli/minidl.exe"
    Invoke-Checked $cli @("lessons")
    Invoke-Checked $cli @("gradcheck")
    Invoke-Checked $cli @("train", "digits")
}

function Invoke-Tests {
    $results = Join-Path $Artifacts "test-results"
    if (Test-Path $results) { Remove-Item -Recurse -Force $results }
    New-Item -ItemType Directory -Force -Path $results | Out-Null
    $failed = $false
    & ctest --test-dir $BuildDir -C Release --output-on-failure --output-junit (Join-Path $results "ctest.xml")
    if ($LASTEXITCODE -ne 0) { $failed = $true }
    & dotnet test MiniDL.sln -c $Config --no-build -v q --logger "trx;LogFilePrefix=minidl" --results-directory $results
    if ($LASTEXITCODE -ne 0) { $failed = $true }
    if ($failed) { exit 1 }
}

switch ($Command) {
    "all" { Test-Setup; Build-Native; Build-Managed; Invoke-MainJob }
    "test" { Test-Setup; Build-Native; Build-Managed; Invoke-Tests }
    "native" { Test-Setup; Build-Native }
    "bench" { Test-Setup; Build-Native; Build-Managed; Invoke-Checked (Join-Path $Artifacts "cli/minidl.exe") (@("bench") + $Rest) }
    default { Write-Error "usage: ./build.ps1 [test|bench|native]"; exit 2 }
}
