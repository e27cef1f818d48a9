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

// checkDescribeRegions validates DescribeRegions' parameters (checkParams calls it before
// faults). The language is validated only so that a bad value fails the way it does for real:
// fixtures carry one LocalName, served in every language.
func checkDescribeRegions(q *request) *apiError {
	switch q.param("AcceptLanguage") {
	case "", "zh-CN", "en-US", "ja":
	default:
		return errLanguageNotFound
	}
	switch q.param("ResourceType") {
	case "", "instance", "disk", "reservedinstance", "scu":
	default:
		return errResourceTypeNotFound
	}
	switch q.param("InstanceChargeType") {
	case "", "PrePaid", "PostPaid":
	default:
		return invalidParameter("InstanceChargeType")
	}
	return nil
}

// describeRegions answers every fixture region; checkDescribeRegions has checked the request.
func (s *Server) describeRegions(q *request) (any, *apiError) {
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
