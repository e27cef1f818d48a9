package emulator

// regionJSON is one region of the DescribeRegions answer.
type regionJSON struct {
	RegionID       string `json:"RegionId"`
	LocalName      string `json:"LocalName"`
	RegionEndpoint string `json:"RegionEndpoint"`
	Status         string `json:"Status"`
}

type describeRegionsJSON struct {
	RequestID string `json:"RequestId"`
	Regions   struct {
		Region []regionJSON `json:"Region"`
	} `json:"Regions"`
}

// describeRegions answers every fixture region. LocalName is the fixture's in every language:
// fixtures carry one name, and the language is validated only so that a bad value fails the
// way it does for real.
func (s *Server) describeRegions(q *request) (any, *apiError) {
	switch q.param("AcceptLanguage") {
	case "", "zh-CN", "en-US", "ja":
	default:
		return nil, errLanguageNotFound
	}
	switch q.param("ResourceType") {
	case "", "instance", "disk", "reservedinstance", "scu":
	default:
		return nil, errResourceTypeNotFound
	}
	switch q.param("InstanceChargeType") {
	case "", "PrePaid", "PostPaid":
	default:
		return nil, invalidParameter("InstanceChargeType")
	}
	out := describeRegionsJSON{RequestID: q.id}
	out.Regions.Region = []regionJSON{}
	for _, r := range s.regions {
		status := r.Status
		if status == "" {
			status = "available"
		}
		out.Regions.Region = append(out.Regions.Region, regionJSON{
			RegionID: r.RegionID, LocalName: r.LocalName,
			RegionEndpoint: "ecs." + r.RegionID + ".aliyuncs.com", Status: status,
		})
	}
	return out, nil
}
