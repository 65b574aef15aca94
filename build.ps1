#!/usr/bin/env pwsh
# MiniDL's build script for Windows (mirrors build.sh; PowerShell 7 runs it on Linux and macOS too).
# Unlike build.sh it installs nothing: it needs the .NET 10 SDK, CMake and a C compiler (MSVC Build
# Tools or MinGW-w64; nvcc optional), and when one is missing it says which and how to get it.
# It has been run under PowerShell 7 on Linux only, never on Windows (docs/platforms.md).
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
# Windows PowerShell 5 has no $IsWindows (and runs only on Windows).
$OnWindows = if ($null -eq $IsWindows) { $true } else { $IsWindows }
$Exe = if ($OnWindows) { ".exe" } else { "" }
# CMake names the library minidl_cpu.dll (MSVC), libminidl_cpu.dll (MinGW), libminidl_cpu.so or .dylib.
$NativePattern = if ($OnWindows) { "*minidl_*.dll" } elseif ($IsMacOS) { "libminidl_*.dylib" } else { "libminidl_*.so" }
$Cli = Join-Path $Artifacts "cli/minidl$Exe"

function Invoke-Checked([string]$File, [string[]]$Arguments) {
    & $File @Arguments
    if ($LASTEXITCODE -ne 0) { throw "$File $($Arguments -join ' ') failed with exit code $LASTEXITCODE" }
}

# What the build needs, and where to get each: build.ps1 installs nothing, it lists everything missing and stops.
function Find-CCompiler {
    if ($OnWindows) {
        # MSVC: CMake's Visual Studio generator finds it through vswhere even when cl.exe is not on the PATH.
        $vswhere = Join-Path ${env:ProgramFiles(x86)} "Microsoft Visual Studio/Installer/vswhere.exe"
        if ((Test-Path $vswhere) -and (& $vswhere -latest -products * -requires Microsoft.VisualStudio.Component.VC.Tools.x86.x64 -property installationPath)) { return "msvc" }
        if (Get-Command cl -ErrorAction SilentlyContinue) { return "msvc" }
    }
    foreach ($cc in @("gcc", "clang", "cc")) { if (Get-Command $cc -ErrorAction SilentlyContinue) { return $cc } }
    return $null
}

function Test-Setup {
    $missing = @()
    if (-not (Get-Command dotnet -ErrorAction SilentlyContinue)) {
        $missing += "the .NET 10 SDK (dotnet): winget install Microsoft.DotNet.SDK.10, or https://dot.net/download"
    } elseif (-not ((& dotnet --list-sdks) -match '^(1\d|[2-9]\d)\.')) {
        $missing += "the .NET 10 SDK (dotnet finds only: $((& dotnet --list-sdks) -join '; ')): winget install Microsoft.DotNet.SDK.10, or https://dot.net/download"
    }
    if (-not (Get-Command cmake -ErrorAction SilentlyContinue)) {
        $missing += "CMake 3.21 or later: winget install Kitware.CMake, or https://cmake.org/download (macOS: brew install cmake; Debian/Ubuntu: sudo apt-get install cmake)"
    }
    $script:CCompiler = Find-CCompiler
    if (-not $script:CCompiler) {
        if ($OnWindows) {
            $missing += "a C compiler, one of:`n" +
                "      MSVC: the Visual Studio 2022 Build Tools with the C++ workload: winget install Microsoft.VisualStudio.2022.BuildTools --override `"--wait --quiet --add Microsoft.VisualStudio.Workload.VCTools --includeRecommended`" (or https://visualstudio.microsoft.com/downloads/)`n" +
                "      MinGW-w64 (gcc with OpenMP): winget install BrechtSanders.WinLibs.POSIX.UCRT (or https://winlibs.com), then open a new terminal"
        } elseif ($IsMacOS) {
            $missing += "a C compiler: xcode-select --install (Apple's clang has no OpenMP: the library then runs single-threaded; brew install libomp adds it)"
        } else {
            $missing += "a C compiler: sudo apt-get install gcc (or your distribution's gcc / clang)"
        }
    }
    if ($missing.Count -gt 0) {
        [Console]::Error.WriteLine("build.ps1 needs (it installs nothing itself):")
        foreach ($m in $missing) { [Console]::Error.WriteLine("  - $m") }
        exit 1
    }
    if ($env:MINIDL_CUDA -ne "OFF" -and -not (Get-Command nvcc -ErrorAction SilentlyContinue)) {
        Write-Host "note: no nvcc, so no CUDA backend (optional, for NVIDIA GPUs: the CUDA Toolkit, https://developer.nvidia.com/cuda-downloads)"
    }
}

function Build-Native {
    Write-Host "`n== native library (CMake)"
    $cuda = if ($env:MINIDL_CUDA) { $env:MINIDL_CUDA } else { "AUTO" }
    $generator = @()
    # MinGW without Visual Studio: CMake's default Windows generator (Visual Studio / NMake) would not find gcc.
    if ($OnWindows -and $script:CCompiler -eq "gcc" -and -not $env:CMAKE_GENERATOR -and -not (Test-Path (Join-Path $BuildDir "CMakeCache.txt"))) {
        $generator = if (Get-Command ninja -ErrorAction SilentlyContinue) { @("-G", "Ninja") } else { @("-G", "MinGW Makefiles") }
    }
    Invoke-Checked cmake (@("-S", $Root, "-B", $BuildDir, "-DCMAKE_BUILD_TYPE=Release", "-DMINIDL_CUDA=$cuda") + $generator)
    Invoke-Checked cmake @("--build", $BuildDir, "--config", "Release", "--parallel")
}

function Build-Managed {
    Write-Host "`n== managed (restore, build, publish the CLI to artifacts/cli)"
    Invoke-Checked dotnet @("restore", "MiniDL.sln", "-v", "q")
    Invoke-Checked dotnet @("build", "MiniDL.sln", "-c", $Config, "--no-restore", "-v", "q", "-nologo")
    Invoke-Checked dotnet @("publish", "managed/MiniDL.Cli", "-c", $Config, "--no-restore", "-o", (Join-Path $Artifacts "cli"), "-v", "q", "-nologo")
    # The native libraries travel with the CLI in NuGet's runtimes/<rid>/native layout (the RID as dotnet reports it).
    $rid = (& dotnet --info | Select-String -Pattern '^\s*RID:\s*(\S+)' | Select-Object -First 1).Matches[0].Groups[1].Value
    $native = Join-Path $Artifacts "cli/runtimes/$rid/native"
    New-Item -ItemType Directory -Force -Path $native | Out-Null
    Get-ChildItem -Path $BuildDir -Recurse -Filter $NativePattern | Where-Object { $_.FullName -notmatch 'CMakeFiles' } |
        Copy-Item -Destination $native -Force
}

function Invoke-MainJob {
    Invoke-Checked $Cli @("lessons")
    Invoke-Checked $Cli @("gradcheck")
    Invoke-Checked $Cli @("train", "digits", "--out", (Join-Path $Root "runs/digits"))
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

function Invoke-Bench {
    # As build.sh: the native harness first (each kernel vs the STREAM triad in one run), then the C# benchmark.
    $harness = Get-ChildItem -Path $BuildDir -Recurse -Filter "minidl_harness_cpu$Exe" | Select-Object -First 1
    if ($harness) {
        Write-Host "`n== native kernels vs STREAM ($($harness.FullName) --bench)"
        Invoke-Checked $harness.FullName @("--bench")
    }
    Write-Host "`n== minidl bench $Rest"
    Invoke-Checked $Cli (@("bench") + @($Rest | Where-Object { $_ }))
}

switch ($Command) {
    "all" { Test-Setup; Build-Native; Build-Managed; Invoke-MainJob }
    "test" { Test-Setup; Build-Native; Build-Managed; Invoke-Tests }
    "native" { Test-Setup; Build-Native }
    "bench" { Test-Setup; Build-Native; Build-Managed; Invoke-Bench }
    default { [Console]::Error.WriteLine("usage: ./build.ps1 [test|bench|native]"); exit 2 }
}
