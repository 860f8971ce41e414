# Collects what the upgrade path planner needs to know about this machine (Windows version and
# build, TPM, firmware, Secure Boot, disk, memory, processor, virtual machine) and appends one row
# to a CSV file that the planner's Fleet view (or `upgrade-plan --inventory FILE`) reads as it is.
# Run as administrator (Get-Tpm, Confirm-SecureBootUEFI and Get-Disk need it), on each machine or
# through Invoke-Command. Windows PowerShell 5.1 or PowerShell 7. Nothing is sent anywhere.
param([string]$Path = "$env:USERPROFILE\Desktop\fleet-hardware.csv")

$os  = Get-CimInstance Win32_OperatingSystem
$cs  = Get-CimInstance Win32_ComputerSystem
$cpu = Get-CimInstance Win32_Processor | Select-Object -First 1
$cv  = Get-ItemProperty 'HKLM:\SOFTWARE\Microsoft\Windows NT\CurrentVersion'

# TPM: the first number of SpecVersion ("2.0, 0, 1.38"); "none" only when Windows sees no TPM.
$tpm = try { Get-Tpm -ErrorAction Stop } catch { $null }
$spec = (Get-CimInstance -Namespace root/cimv2/Security/MicrosoftTpm -ClassName Win32_Tpm -ErrorAction SilentlyContinue).SpecVersion
$tpmVersion = if ($spec) { ($spec -split ',')[0].Trim() } elseif ($tpm -and -not $tpm.TpmPresent) { 'none' } else { '' }
$tpmEnabled = if ($tpm -and $tpm.TpmPresent) { [string]$tpm.TpmReady } else { '' }

# Firmware and Secure Boot: Confirm-SecureBootUEFI is True (on), False (capable, off) or an error.
$firmware = switch ($env:firmware_type) { 'UEFI' { 'uefi' } 'Legacy' { 'bios' } default { '' } }
$secureBoot = try { if (Confirm-SecureBootUEFI -ErrorAction Stop) { 'enabled' } else { 'capable' } } catch { 'not-supported' }

# The system disk and volume, memory (rounded, not floored: 3.71 GiB of usable memory is 4 GB installed).
$bootDisk = Get-Disk | Where-Object IsBoot | Select-Object -First 1
$partitionStyle = if ($bootDisk) { "$($bootDisk.PartitionStyle)".ToLower() } else { '' }
$diskGb = [math]::Round((Get-Volume -DriveLetter $env:SystemDrive[0]).Size / 1GB)
$ramGb = [math]::Round($cs.TotalPhysicalMemory / 1GB)

# Processor: family, model and stepping from Caption ("Intel64 Family 6 Model 158 Stepping 10");
# the platform ID only matters for some 7th-generation Intel processors.
$family = $model = $stepping = ''
if ($cpu.Caption -match 'Family (\d+) Model (\d+) Stepping (\d+)') { $family, $model, $stepping = $Matches[1], $Matches[2], $Matches[3] }
$maker = switch ($cpu.Manufacturer) { 'GenuineIntel' { 'intel' } 'AuthenticAMD' { 'amd' } { $_ -like '*Qualcomm*' } { 'qualcomm' } default { 'other' } }
$platformId = (Get-ItemProperty 'HKLM:\HARDWARE\DESCRIPTION\System\CentralProcessor\0' -ErrorAction SilentlyContinue).'Platform Specific Field 1'

# Where it runs: a Hyper-V VM's generation follows from its boot mode (generation 1 boots BIOS).
$platform = if ($cs.Manufacturer -eq 'Microsoft Corporation' -and $cs.Model -eq 'Virtual Machine') {
  if ($firmware -eq 'uefi') { 'hyper-v-gen2' } elseif ($firmware -eq 'bios') { 'hyper-v-gen1' } else { '' }
} elseif ($cs.Model -match 'VMware|VirtualBox|KVM|QEMU|Xen') { 'other' } else { 'physical' }
$vtpm = if ($platform -like 'hyper-v-*') { [string]($tpmVersion -eq '2.0') } else { '' }

$arch = if ($env:PROCESSOR_ARCHITECTURE -eq 'ARM64') { 'arm64' } elseif ([Environment]::Is64BitOperatingSystem) { 'x64' } else { 'x86' }
$release = if ($cv.DisplayVersion) { $cv.DisplayVersion } else { $cv.ReleaseId }
# For upgrade waves: the domain (domain controllers of one domain never go together) and the cluster.
$domain = if ($cs.PartOfDomain) { $cs.Domain } else { '' }
$cluster = try { (Get-Cluster -ErrorAction Stop).Name } catch { '' }

[pscustomobject][ordered]@{
  'name' = $env:COMPUTERNAME
  'Caption' = $os.Caption
  'current.release' = $release
  'current.build' = "$($cv.CurrentBuild).$($cv.UBR)"
  'current.architecture' = $arch
  'current.domain' = $domain
  'current.domain_controller' = [string]($cs.DomainRole -ge 4)
  'cluster.name' = $cluster
  'hardware.tpm' = $tpmVersion
  'hardware.tpm_enabled' = $tpmEnabled
  'hardware.firmware' = $firmware
  'hardware.secure_boot' = $secureBoot
  'hardware.partition_style' = $partitionStyle
  'hardware.ram_gb' = $ramGb
  'hardware.disk_gb' = $diskGb
  'hardware.model' = $cs.Model
  'hardware.cpu.manufacturer' = $maker
  'hardware.cpu.family' = $family
  'hardware.cpu.model' = $model
  'hardware.cpu.stepping' = $stepping
  'hardware.cpu.platform_id' = $platformId
  'hardware.cpu.name' = "$($cpu.Name)".Trim()
  'hardware.cpu.logical_processors' = $cs.NumberOfLogicalProcessors
  'hardware.cpu.clock_mhz' = $cpu.MaxClockSpeed
  'virtualisation.platform' = $platform
  'virtualisation.vtpm' = $vtpm
} | Export-Csv -Path $Path -Append -NoTypeInformation -Encoding UTF8
Write-Host "Appended $env:COMPUTERNAME to $Path"
