package emulator

import (
	"fmt"
	"hash/fnv"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// ipList is the {"IpAddress":[...]} shape of every address list but the EIP's.
type ipList struct {
	IPAddress []string `json:"IpAddress"`
}

// instanceJSON is one instance exactly as DescribeInstances answers it (the reference's §3.2
// example): minute-precision times, TagKey/TagValue tags, and EipAddress.IpAddress a string
// while the other IpAddress fields are arrays.
type instanceJSON struct {
	InstanceID              string `json:"InstanceId"`
	InstanceName            string `json:"InstanceName"`
	HostName                string `json:"HostName"`
	Description             string `json:"Description"`
	Status                  string `json:"Status"`
	InstanceType            string `json:"InstanceType"`
	InstanceTypeFamily      string `json:"InstanceTypeFamily"`
	CPU                     int    `json:"Cpu"`
	Memory                  int    `json:"Memory"`
	OSType                  string `json:"OSType"`
	OSName                  string `json:"OSName"`
	OSNameEn                string `json:"OSNameEn"`
	ImageID                 string `json:"ImageId"`
	RegionID                string `json:"RegionId"`
	ZoneID                  string `json:"ZoneId"`
	InstanceNetworkType     string `json:"InstanceNetworkType"`
	InstanceChargeType      string `json:"InstanceChargeType"`
	InternetChargeType      string `json:"InternetChargeType"`
	InternetMaxBandwidthOut int    `json:"InternetMaxBandwidthOut"`
	InternetMaxBandwidthIn  int    `json:"InternetMaxBandwidthIn"`
	IoOptimized             bool   `json:"IoOptimized"`
	CreationTime            string `json:"CreationTime"`
	StartTime               string `json:"StartTime"`
	ExpiredTime             string `json:"ExpiredTime"`
	AutoReleaseTime         string `json:"AutoReleaseTime"`
	StoppedMode             string `json:"StoppedMode"`
	SerialNumber            string `json:"SerialNumber"`
	DeletionProtection      bool   `json:"DeletionProtection"`
	VpcAttributes           struct {
		VpcID            string `json:"VpcId"`
		VSwitchID        string `json:"VSwitchId"`
		NatIPAddress     string `json:"NatIpAddress"`
		PrivateIPAddress ipList `json:"PrivateIpAddress"`
	} `json:"VpcAttributes"`
	PublicIPAddress ipList `json:"PublicIpAddress"`
	InnerIPAddress  ipList `json:"InnerIpAddress"`
	EipAddress      struct {
		AllocationID       string `json:"AllocationId"`
		IPAddress          string `json:"IpAddress"`
		InternetChargeType string `json:"InternetChargeType"`
		Bandwidth          int    `json:"Bandwidth"`
	} `json:"EipAddress"`
	SecurityGroupIDs struct {
		SecurityGroupID []string `json:"SecurityGroupId"`
	} `json:"SecurityGroupIds"`
	Tags struct {
		Tag []tagJSON `json:"Tag"`
	} `json:"Tags"`
	OperationLocks struct {
		LockReason []struct {
			LockReason string `json:"LockReason"`
		} `json:"LockReason"`
	} `json:"OperationLocks"`
	NetworkInterfaces struct {
		NetworkInterface []networkInterfaceJSON `json:"NetworkInterface"`
	} `json:"NetworkInterfaces"`
}

type tagJSON struct {
	TagKey   string `json:"TagKey"`
	TagValue string `json:"TagValue"`
}

type networkInterfaceJSON struct {
	Type               string `json:"Type"`
	NetworkInterfaceID string `json:"NetworkInterfaceId"`
	PrimaryIPAddress   string `json:"PrimaryIpAddress"`
	MacAddress         string `json:"MacAddress"`
}

// toJSON renders the instance as seen at now. Identifiers the fixture does not give (VPC,
// vSwitch, security group, ENI, serial number) are derived from stable hashes, so that they do
// not change between calls or runs.
func (in *instance) toJSON(now time.Time) instanceJSON {
	f := in.fix
	var j instanceJSON
	j.InstanceID = f.InstanceID
	j.InstanceName = f.InstanceName
	j.HostName = f.HostName
	if j.HostName == "" {
		j.HostName = f.InstanceName
	}
	j.Status = in.statusAt(now)
	j.InstanceType = f.InstanceType
	j.InstanceTypeFamily = typeFamily(f.InstanceType)
	j.CPU, j.Memory = typeSize(f.InstanceType)
	j.OSType = f.OSType
	j.OSName, j.OSNameEn = f.OSName, f.OSName
	j.ImageID = imageID(f.OSName, f.OSType)
	j.RegionID, j.ZoneID = f.RegionID, f.ZoneID
	j.InstanceNetworkType = "vpc"
	j.InstanceChargeType = "PostPaid"
	j.InternetChargeType = "PayByTraffic"
	if f.PublicIP != "" {
		j.InternetMaxBandwidthOut = 5
	}
	j.InternetMaxBandwidthIn = 100
	j.IoOptimized = true
	if !in.created.IsZero() {
		j.CreationTime = in.created.UTC().Format(minuteLayout)
	}
	if !in.startTime.IsZero() {
		j.StartTime = in.startTime.UTC().Format(minuteLayout)
	}
	// Pay-as-you-go instances report this far-future expiry.
	j.ExpiredTime = "2099-12-31T15:59Z"
	j.StoppedMode = "Not-applicable"
	if j.Status == "Stopped" {
		j.StoppedMode = "KeepCharging"
	}
	h := hashOf(f.InstanceID)
	j.SerialNumber = fmt.Sprintf("%08x-%04x-%04x-%04x-%012x", uint32(h), uint16(h>>32), uint16(h>>48)&0x0fff|0x4000, uint16(h>>16)&0x3fff|0x8000, hashOf("sn", f.InstanceID)&0xffffffffffff)
	j.VpcAttributes.VpcID = "vpc-" + shortID("vpc", f.RegionID)
	j.VpcAttributes.VSwitchID = "vsw-" + shortID("vsw", f.ZoneID)
	j.VpcAttributes.PrivateIPAddress.IPAddress = listOf(f.PrivateIP)
	j.PublicIPAddress.IPAddress = listOf(f.PublicIP)
	j.InnerIPAddress.IPAddress = []string{}
	if f.EIP != "" {
		j.EipAddress.AllocationID = "eip-" + shortID("eip", f.InstanceID)
		j.EipAddress.IPAddress = f.EIP
		j.EipAddress.InternetChargeType = "PayByTraffic"
		j.EipAddress.Bandwidth = 5
	}
	j.SecurityGroupIDs.SecurityGroupID = []string{"sg-" + shortID("sg", f.RegionID)}
	j.Tags.Tag = []tagJSON{}
	j.OperationLocks.LockReason = []struct {
		LockReason string `json:"LockReason"`
	}{}
	j.NetworkInterfaces.NetworkInterface = []networkInterfaceJSON{{
		Type:               "Primary",
		NetworkInterfaceID: "eni-" + shortID("eni", f.InstanceID),
		PrimaryIPAddress:   f.PrivateIP,
		MacAddress:         fmt.Sprintf("00:16:3e:%02x:%02x:%02x", byte(h>>8), byte(h>>16), byte(h>>24)),
	}}
	return j
}

func listOf(ip string) []string {
	if ip == "" {
		return []string{}
	}
	return []string{ip}
}

func hashOf(parts ...string) uint64 {
	h := fnv.New64a()
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	return h.Sum64()
}

// shortID is 20 lowercase base-36 characters, the length of real resource IDs.
func shortID(parts ...string) string {
	s := strconv.FormatUint(hashOf(parts...), 36) + strconv.FormatUint(hashOf(append(parts, "2")...), 36)
	for len(s) < 20 {
		s += "0"
	}
	return s[:20]
}

// typeFamily is "ecs.g7" for "ecs.g7.large".
func typeFamily(t string) string {
	if i := strings.LastIndexByte(t, '.'); i > 0 {
		return t[:i]
	}
	return t
}

var (
	sizePattern  = regexp.MustCompile(`\.(\d*)xlarge$`)
	ratioPattern = regexp.MustCompile(`-c(\d+)m(\d+)\.`)
)

// typeSize guesses vCPUs and memory (MiB) from an instance type name the way the families are
// built: large is 2 vCPUs, xlarge 4, Nxlarge 4N; c families have 2 GiB per vCPU, g 4, r 8, and
// "-c1m2" spells the ratio out.
func typeSize(t string) (cpu, memMiB int) {
	cpu = 2
	switch {
	case strings.HasSuffix(t, ".small"):
		cpu = 1
	case strings.HasSuffix(t, ".medium"):
		cpu = 1
	case sizePattern.MatchString(t):
		n := 1
		if m := sizePattern.FindStringSubmatch(t); m[1] != "" {
			n, _ = strconv.Atoi(m[1])
		}
		cpu = 4 * n
	}
	perCPU := 4
	if m := ratioPattern.FindStringSubmatch(t); m != nil {
		c, _ := strconv.Atoi(m[1])
		mem, _ := strconv.Atoi(m[2])
		if c > 0 {
			perCPU = max(1, mem/c)
		}
	} else if fam := strings.TrimPrefix(typeFamily(t), "ecs."); fam != "" {
		switch fam[0] {
		case 'c':
			perCPU = 2
		case 'r':
			perCPU = 8
		}
	}
	return cpu, cpu * perCPU * 1024
}

// imageID derives a public-image-like ID from the OS name, e.g.
// "centos_7_9_x64_20G_alibase_20240628.vhd".
func imageID(osName, osType string) string {
	if osName == "" {
		return ""
	}
	var b strings.Builder
	for _, w := range strings.Fields(strings.ToLower(osName)) {
		w = strings.Trim(w, "()")
		if w == "64" || w == "64-bit" || w == "bit" || w == "lts" || w == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('_')
		}
		b.WriteString(strings.ReplaceAll(w, ".", "_"))
	}
	size := "20G"
	if osType == "windows" {
		size = "40G"
	}
	return b.String() + "_x64_" + size + "_alibase_20240628.vhd"
}
